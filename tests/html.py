"""Reading rendered pages in tests."""


def main(html):
    """The page's <main> element (what a page says, without header, navigation and footer)."""
    return html.split("<main", 1)[1].split("</main>", 1)[0]


# The main public pages of the demo, one per page type and language (tests/conftest seeds it).
PUBLIC_PAGES = [
    "/de/", "/en/",
    "/de/suche/?q=Wahlkreisrat", "/en/search/?q=council",
    "/de/wahlkreisraete/", "/en/councils/",
    "/de/wahlkreisraete/?status=done", "/en/councils/?land=BE",
    "/de/wahlkreisraete/wahlkreis-75/", "/en/councils/constituency-75/",
    "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/", "/en/councils/constituency-75/affordable-housing/",
    "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/erste-rueckmeldung-zum-wohnen/",
    "/en/councils/constituency-75/affordable-housing/first-report-on-housing/",
    "/de/geschichten/", "/en/stories/",
    "/de/geschichten/ein-tag-im-wahlkreisrat/", "/en/stories/a-day-at-the-constituency-council/",
    "/de/presse/", "/en/press/",
    "/de/leichte-sprache/", "/en/easy-read/",
    "/de/barrierefreiheit/", "/en/accessibility/",
]


def structure_errors(html):
    """HTML errors the Nu checker reports that a plain parse can find: empty form actions and content
    after a <figure>'s <figcaption> (figcaption must be its first or last child)."""
    from html.parser import HTMLParser

    void = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    errors = []

    class Checker(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack = []  # open elements: {"tag", "content" (seen before a caption), "caption" (closed)}

        def content(self, what):
            figure = self.stack[-1] if self.stack and self.stack[-1]["tag"] == "figure" else None
            if figure is None:
                return
            if figure["caption"] and figure["content"]:
                errors.append(f"line {self.getpos()[0]}: {what} after a <figcaption> that is not the first "
                              f"child of its <figure>")
            elif what != "<figcaption>" and not figure["caption"]:
                figure["content"] = True

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form" and "action" in attrs and not (attrs["action"] or "").strip():
                errors.append(f'line {self.getpos()[0]}: <form action=""> (omit the attribute or give a URL)')
            self.content(f"<{tag}>")
            if tag not in void:
                self.stack.append({"tag": tag, "content": False, "caption": False})

        def handle_data(self, data):
            if data.strip():
                self.content("text")

        def handle_endtag(self, tag):
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i]["tag"] == tag:
                    del self.stack[i:]
                    break
            if tag == "figcaption" and self.stack and self.stack[-1]["tag"] == "figure":
                self.stack[-1]["caption"] = True

    Checker().feed(html)
    return errors
