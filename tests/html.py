"""Reading rendered pages in tests."""


def main(html):
    """The page's <main> element (what a page says, without header, navigation and footer)."""
    return html.split("<main", 1)[1].split("</main>", 1)[0]
