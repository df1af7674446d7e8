"""The OpenAPI 3 description of /api/v1/, written by hand to match api.py and payloads.py.

The test suite runs schemathesis against this document, so a response that drifts from it fails.
"""

from opendata.payloads import lang_values, site_languages
from serving.origin import absolute


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema):
    return {**schema, "nullable": True}


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
TIMESTAMP = {"type": "string", "format": "date-time"}
ID = {"type": "integer", "minimum": 1}
LANGUAGE = {"type": "string", "enum": site_languages()}


def _object(properties, optional=()):
    return {
        "type": "object",
        "required": [name for name in properties if name not in optional],
        "properties": properties,
        "additionalProperties": False,
    }


def _text_languages(*fields):
    """Which language each translated text of the object is in (absent for a null text)."""
    return {
        **_object({field: LANGUAGE for field in fields}, optional=fields),
        "description": "The language each text is in: the requested one, or, where it has no "
        "translation yet, the language of the text shown in its place (as on the site's pages: "
        "the English, then the Greek; the Greek for English).",
    }


SCHEMAS = {
    "Error": _object(
        {
            "error": _object(
                {
                    "code": {
                        "type": "string",
                        "enum": [
                            "not_found",
                            "method_not_allowed",
                            "not_acceptable",
                            "unknown_parameter",
                            "malformed_parameter",
                            "unsupported_language",
                        ],
                        "description": "Stable, machine-readable error code.",
                    },
                    "message": {
                        "type": "string",
                        "description": "Human-readable explanation, in the language lang "
                        "asked for (Greek when it asked for all, or for no site language).",
                    },
                }
            )
        }
    ),
    "Head": _nullable(
        {
            **_object(
                {
                    "name": STRING,
                    "title": {
                        "type": "string",
                        "description": "Job title: Director for a directorate's head, Head for "
                        "a department's (in English); in Greek it agrees with the holder's gender.",
                    },
                    "text_languages": _text_languages("name"),
                }
            ),
        }
    ),
    "Competence": _object(
        {
            "id": ID,
            "order": {"type": "integer", "minimum": 0},
            "text": STRING,
            "text_languages": _text_languages("text"),
        }
    ),
    "DirectorateRef": _object(
        {"id": ID, "slug": STRING, "name": STRING, "text_languages": _text_languages("name")}
    ),
    "Department": _object(
        {
            "id": ID,
            "slug": STRING,
            "order": {"type": "integer", "minimum": 0},
            "name": STRING,
            "directorate": _ref("DirectorateRef"),
            "head": _ref("Head"),
            "email": _nullable({"type": "string", "format": "email"}),
            "url": {**URL, "description": "The department's public page in this language."},
            "api_url": URL,
            "vcard_url": {**URL, "description": "The contact as a vCard 4.0 file."},
            "updated_at": TIMESTAMP,
            "competences": {
                "type": "array",
                "items": _ref("Competence"),
                "description": "In display order.",
            },
            "text_languages": _text_languages("name"),
        }
    ),
    "Directorate": _object(
        {
            "id": ID,
            "slug": STRING,
            "name": STRING,
            "section": _nullable(STRING),
            "parent_unit": _nullable(STRING),
            "mission": STRING,
            "legal_basis": _nullable(STRING),
            "legal_basis_url": _nullable(URL),
            "head": _ref("Head"),
            "url": {**URL, "description": "The directorate's public page in this language."},
            "api_url": URL,
            "updated_at": TIMESTAMP,
            "departments": {"type": "array", "items": _ref("Department")},
            "text_languages": _text_languages(
                "name", "section", "parent_unit", "mission", "legal_basis"
            ),
        }
    ),
}


def _envelope(item):
    """``{"lang", "data"}``: data in one language, or one per language (``data.el``, ...)."""
    return _object(
        {
            "lang": {"type": "string", "enum": lang_values()},
            "data": {
                "oneOf": [
                    item,
                    _object({code: item for code in site_languages()}),
                ]
            },
        }
    )


def _array(name):
    return {"type": "array", "items": _ref(name)}


ERROR_RESPONSE = {"application/json": {"schema": _ref("Error")}}
HEADERS = {
    "ETag": {
        "description": "Changes whenever the content changes; send it as If-None-Match.",
        "schema": STRING,
    },
    "Access-Control-Allow-Origin": {"schema": {"type": "string", "enum": ["*"]}},
}
LANG_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Language of the document: a site language's code (el, the default, is the "
    "Greek source), or all for one document per language under data.<code>.",
    "schema": {"type": "string", "enum": lang_values(), "default": "el"},
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "An ETag from an earlier response; unchanged content answers 304.",
    "schema": STRING,
}


def _errors(*statuses):
    descriptions = {
        "400": "Unknown, repeated or invalid query parameter.",
        "404": "No such resource.",
        "405": "Only GET, HEAD and OPTIONS are served.",
        "406": "The Accept header excludes application/json.",
    }
    return {
        status: {"description": descriptions[status], "content": ERROR_RESPONSE}
        for status in statuses
    }


def _get(summary, operation_id, schema, parameters=(), not_found=False, with_lang=True):
    responses = {
        "200": {
            "description": "OK",
            "headers": HEADERS,
            "content": {"application/json": {"schema": schema}},
        },
        "304": {"description": "Not modified since the ETag sent in If-None-Match."},
        **_errors("400", *(["404"] if not_found else []), "405", "406"),
    }
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": [*parameters, *([LANG_PARAMETER] if with_lang else []), IF_NONE_MATCH],
            "responses": responses,
        }
    }


SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
}
DEPARTMENT_ID = {"name": "id", "in": "path", "required": True, "schema": ID}


def openapi_document():
    """The OpenAPI 3.0 document served at /api/v1/openapi.json."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Directorate of Social Integration – open data API",
            "version": "1.0.0",
            "description": (
                "Read-only directory of the Directorate of Social Integration (Ministry of "
                "Migration and Asylum): directorates, departments, heads, contact emails and "
                "competences, in every language of the site: "
                + ", ".join(site_languages())
                + ". No authentication; CORS is open. "
                f"Human-readable documentation: {absolute('/en/open-data/')}"
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/directorates": _get(
                "All directorates with their departments",
                "listDirectorates",
                _envelope(_array("Directorate")),
            ),
            "/directorates/{slug}": _get(
                "One directorate",
                "getDirectorate",
                _envelope(_ref("Directorate")),
                parameters=[SLUG],
                not_found=True,
            ),
            "/departments": _get(
                "All departments", "listDepartments", _envelope(_array("Department"))
            ),
            "/departments/{id}": _get(
                "One department",
                "getDepartment",
                _envelope(_ref("Department")),
                parameters=[DEPARTMENT_ID],
                not_found=True,
            ),
            "/openapi.json": _get(
                "This document",
                "getOpenApiDocument",
                {"type": "object"},
                with_lang=False,
            ),
        },
        "components": {"schemas": SCHEMAS},
    }
