"""RSS and Atom feeds of the news per kern and per wijk (django.contrib.syndication).

News is plain text that members may have written (a proposal staff published). A feed reader shows an item's
description (and often its RSS title) as HTML, so the text goes out as the news page shows it: escaped, with
its line breaks as paragraphs, and tags taken out of the title. No `<img>`, `<script>` or `javascript:` link
that someone typed ever reaches a reader as markup.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks, strip_tags

from gebieden.models import Gemeente, Kern, Wijk

from . import selectors

AANTAL_IN_FEED = 20


class NieuwsRssFeed(Feed):
    """The published news of one gemeente, kern or wijk (a wijk's feed has its kern's news too)."""

    def get_object(self, request, gemeente=None, kern=None, code=None):
        if code is not None:
            return get_object_or_404(Wijk.objects.select_related("gemeente", "kern"), code=code.upper())
        if kern is None:
            return get_object_or_404(Gemeente, slug=gemeente)
        return get_object_or_404(Kern.objects.select_related("gemeente"), gemeente__slug=gemeente, slug=kern)

    def title(self, gebied):
        if isinstance(gebied, Gemeente):
            return f"Nieuws uit de gemeente {gebied.naam}"
        return f"Nieuws uit {gebied.naam} ({gebied.gemeente.naam})"

    def link(self, gebied):
        return gebied.get_absolute_url()

    def description(self, gebied):
        if isinstance(gebied, Gemeente):
            return f"Gebiedsnieuws van de gemeente {gebied.naam} over al haar kernen en wijken."
        return f"Gebiedsnieuws van de gemeente {gebied.gemeente.naam} over {gebied.naam}."

    def items(self, gebied):
        return selectors.nieuws_voor_gebied(gebied)[:AANTAL_IN_FEED]

    def item_title(self, item):
        return strip_tags(item.titel)

    def item_description(self, item):
        return linebreaks(item.tekst, autoescape=True)  # as `{{ bericht.tekst|linebreaks }}` on the page

    def item_pubdate(self, item):
        return item.gepubliceerd_op

    def item_updateddate(self, item):
        return item.gepubliceerd_op


class NieuwsAtomFeed(NieuwsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, gebied):
        return self.description(gebied)
