/* Two-click embeds (stories/blocks.py ExternalVideoBlock): nothing is requested from YouTube or
   Vimeo until the reader presses the button. Without JavaScript the button stays hidden and the
   placeholder's plain link leads to the video on the provider's site. */
(function () {
    "use strict";
    document.querySelectorAll("[data-two-click]").forEach(function (figure) {
        var button = figure.querySelector(".two-click__button");
        var placeholder = figure.querySelector(".two-click__placeholder");
        if (!button || !placeholder) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var frame = document.createElement("iframe");
            frame.className = "two-click__frame";
            frame.title = figure.getAttribute("data-title");
            frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
            frame.setAttribute("allowfullscreen", "");
            frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
            frame.src = figure.getAttribute("data-embed-url");
            placeholder.replaceWith(frame);
            frame.focus();
        });
    });
}());
