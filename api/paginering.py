"""Pages of a collection with links (API Design Rules, HAL style): `_links` with self, first, prev, next
and last (each `{"href": ...}`; prev and next are left out at the ends), the total in `totaal` and the
items in `resultaten`. `?pagina=` chooses the page, `?perPagina=` its size (at most 100)."""

from django.core.paginator import InvalidPage
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

PER_PAGINA = 20
MAX_PER_PAGINA = 100


class Paginering(PageNumberPagination):
    page_size = PER_PAGINA
    page_query_param = "pagina"
    page_size_query_param = "perPagina"
    max_page_size = MAX_PER_PAGINA

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        nummer = request.query_params.get(self.page_query_param) or 1
        try:
            self.page = paginator.page(nummer)
        except InvalidPage as fout:
            raise NotFound(f"Pagina {nummer} bestaat niet.") from fout
        return list(self.page)

    def _link(self, nummer: int) -> dict:
        url = self.request.build_absolute_uri()
        if nummer == 1:
            return {"href": remove_query_param(url, self.page_query_param)}
        return {"href": replace_query_param(url, self.page_query_param, nummer)}

    def get_paginated_response(self, data):
        pagina = self.page
        links = {"self": self._link(pagina.number), "first": self._link(1)}
        if pagina.has_previous():
            links["prev"] = self._link(pagina.previous_page_number())
        if pagina.has_next():
            links["next"] = self._link(pagina.next_page_number())
        links["last"] = self._link(pagina.paginator.num_pages)
        return Response({"_links": links, "totaal": pagina.paginator.count, "resultaten": data})

    def get_paginated_response_schema(self, schema):
        link = {
            "type": "object",
            "properties": {"href": {"type": "string", "format": "uri"}},
            "required": ["href"],
        }
        return {
            "type": "object",
            "required": ["_links", "totaal", "resultaten"],
            "properties": {
                "_links": {
                    "type": "object",
                    "required": ["self", "first", "last"],
                    "properties": {n: link for n in ("self", "first", "prev", "next", "last")},
                },
                "totaal": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Aantal resultaten op alle pagina's.",
                },
                "resultaten": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Het nummer van de pagina (vanaf 1).",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Aantal resultaten per pagina (standaard {PER_PAGINA}, hoogstens {MAX_PER_PAGINA}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGINA},
            },
        ]
