"""The public pages of the private side: answering an invitation (``responses``) and the anonymous
evaluation questionnaire (``evaluation``), both entered with a code (``code_entry``); URLs in ``urls``."""
