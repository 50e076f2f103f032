"""Query parameters in the page's language.

German pages write ``?seite=2&thema=wohnen``, English pages ``?page=2&topic=wohnen``. Both spellings
are understood on every page, so old and shared links keep working; links and forms write the
spelling of the page's language. The German name is the key used in the code.
"""

from django.conf import settings
from django.http import QueryDict
from django.utils import translation

#: German name -> {language: name in that language}; unlisted languages use the German name
PARAMS = {
    "seite": {"en": "page"},
    "thema": {"en": "topic"},
    "land": {"en": "state"},
    "wahlkreis": {"en": "constituency"},
    "jahr": {"en": "year"},
    "status": {},
}


def _language(language=None):
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def param_name(key, language=None):
    """The name of parameter `key` (its German name) in `language` (default: the active one)."""
    return PARAMS.get(key, {}).get(_language(language), key)


def spellings(key):
    """Every accepted name of `key`, German first."""
    return [key, *(name for name in PARAMS.get(key, {}).values() if name != key)]


def get_param(data, key, language=None, default=None):
    """The value of `key` in `data` (a QueryDict), in whichever spelling it came, the page
    language's spelling winning."""
    names = [param_name(key, language)] + spellings(key)
    for name in names:
        value = data.get(name)
        if value not in (None, ""):
            return value
    return default


def localize_query(data, language=None):
    """A copy of `data` where every known parameter carries the name of `language`
    (values under another language's name move over unless the language's own name is set)."""
    result = QueryDict(mutable=True)
    known = {name: key for key in PARAMS for name in spellings(key)}
    for name, values in data.lists():
        key = known.get(name)
        target = param_name(key, language) if key else name
        if key and target != name and target in data:
            continue  # the page language's own spelling wins
        result.setlist(target, values)
    return result


def urlencode_params(params, language=None):
    """`params` ({German name: value}) as a query string in `language`."""
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[param_name(key, language)] = value
    return query.urlencode()


class LocalizedParamsForm:
    """Mixin for a GET filter form: its fields are named in German in the code and carry the
    language's parameter names in the HTML and in the data (``thema`` → ``topic``)."""

    def __init__(self, data=None, *args, language=None, **kwargs):
        self.language = _language(language)
        if data is not None:
            data = localize_query(data, self.language)
        super().__init__(data, *args, **kwargs)

    def add_prefix(self, field_name):
        return param_name(super().add_prefix(field_name), self.language)
