"""Reports: the report model, inline SVG charts and sandboxed Jinja templates."""
