"""Style: colours, CSS values and the look of reveal.js themes, as data.

Holds CSS colour parsing (`color`, `color_names`), CSS gradients (`gradient`), the 14 built-in
reveal.js themes (`themes`), custom theme stylesheets (`theme_css`) and the code highlight
styles (`highlight`). Input: CSS text and theme names. Output: `Theme` values and colours that
layout and the backends read; layout never parses CSS itself. The CSS cascade over the deck's
own stylesheets will live here too.

May import: `converter.model` and the cross-cutting modules (`diagnostics`, `limits`).
"""
