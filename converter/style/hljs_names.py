"""The names of highlight.js's themes (its `styles/` folder), for telling a real theme that is
not installed from an unknown name, and saying where to get it.

Input: none (data). Output: `HLJS_9_THEMES`, the stylesheet names (without `.css`) of
highlight.js 9.18 (Debian's libjs-highlight.js); `HLJS_11_THEMES`, those of highlight.js 11.10
(what reveal-md 6 installs), `base16/` ones included; `HLJS_THEME_NAMES`, both. Names only:
the stylesheets themselves are read where they are installed (`converter.reader.hljs_styles`).
"""

from __future__ import annotations

from typing import Final

__all__ = ["HLJS_9_THEMES", "HLJS_11_THEMES", "HLJS_THEME_NAMES"]

_V9 = """
a11y-dark a11y-light agate an-old-hope androidstudio arduino-light arta ascetic
atelier-cave-dark atelier-cave-light atelier-dune-dark atelier-dune-light atelier-estuary-dark
atelier-estuary-light atelier-forest-dark atelier-forest-light atelier-heath-dark
atelier-heath-light atelier-lakeside-dark atelier-lakeside-light atelier-plateau-dark
atelier-plateau-light atelier-savanna-dark atelier-savanna-light atelier-seaside-dark
atelier-seaside-light atelier-sulphurpool-dark atelier-sulphurpool-light atom-one-dark
atom-one-dark-reasonable atom-one-light brown-paper codepen-embed color-brewer darcula dark
darkula default docco dracula far foundation github github-gist gml googlecode gradient-dark
grayscale gruvbox-dark gruvbox-light hopscotch hybrid idea ir-black isbl-editor-dark
isbl-editor-light kimbie.dark kimbie.light lightfair magula mono-blue monokai monokai-sublime
night-owl nord obsidian ocean paraiso-dark paraiso-light pojoaque purebasic qtcreator_dark
qtcreator_light railscasts rainbow routeros school-book shades-of-purple solarized-dark
solarized-light sunburst tomorrow tomorrow-night tomorrow-night-blue tomorrow-night-bright
tomorrow-night-eighties vs vs2015 xcode xt256 zenburn
"""

_V11 = """
1c-light a11y-dark a11y-light agate an-old-hope androidstudio arduino-light arta ascetic
atom-one-dark atom-one-dark-reasonable atom-one-light brown-paper codepen-embed color-brewer
dark default devibeans docco far felipec foundation github github-dark github-dark-dimmed gml
googlecode gradient-dark gradient-light grayscale hybrid idea intellij-light ir-black
isbl-editor-dark isbl-editor-light kimbie-dark kimbie-light lightfair lioshi magula mono-blue
monokai monokai-sublime night-owl nnfx-dark nnfx-light nord obsidian panda-syntax-dark
panda-syntax-light paraiso-dark paraiso-light pojoaque purebasic qtcreator-dark qtcreator-light
rainbow routeros school-book shades-of-purple srcery stackoverflow-dark stackoverflow-light
sunburst tokyo-night-dark tokyo-night-light tomorrow-night-blue tomorrow-night-bright vs vs2015
xcode xt256
"""

_V11_BASE16 = """
3024 apathy apprentice ashes atelier-cave atelier-cave-light atelier-dune atelier-dune-light
atelier-estuary atelier-estuary-light atelier-forest atelier-forest-light atelier-heath
atelier-heath-light atelier-lakeside atelier-lakeside-light atelier-plateau
atelier-plateau-light atelier-savanna atelier-savanna-light atelier-seaside
atelier-seaside-light atelier-sulphurpool atelier-sulphurpool-light atlas bespin black-metal
black-metal-bathory black-metal-burzum black-metal-dark-funeral black-metal-gorgoroth
black-metal-immortal black-metal-khold black-metal-marduk black-metal-mayhem black-metal-nile
black-metal-venom brewer bright brogrammer brush-trees brush-trees-dark chalk circus
classic-dark classic-light codeschool colors cupcake cupertino danqing darcula dark-violet
darkmoss darktooth decaf default-dark default-light dirtysea dracula edge-dark edge-light
eighties embers equilibrium-dark equilibrium-gray-dark equilibrium-gray-light equilibrium-light
espresso eva eva-dim flat framer fruit-soda gigavolt github google-dark google-light
grayscale-dark grayscale-light green-screen gruvbox-dark-hard gruvbox-dark-medium
gruvbox-dark-pale gruvbox-dark-soft gruvbox-light-hard gruvbox-light-medium gruvbox-light-soft
hardcore harmonic16-dark harmonic16-light heetch-dark heetch-light helios hopscotch horizon-dark
horizon-light humanoid-dark humanoid-light ia-dark ia-light icy-dark ir-black isotope kimber
london-tube macintosh marrakesh materia material material-darker material-lighter
material-palenight material-vivid mellow-purple mexico-light mocha monokai nebula nord nova
ocean oceanicnext one-light onedark outrun-dark papercolor-dark papercolor-light paraiso pasque
phd pico pop porple qualia railscasts rebecca ros-pine ros-pine-dawn ros-pine-moon sagelight
sandcastle seti-ui shapeshifter silk-dark silk-light snazzy solar-flare solar-flare-light
solarized-dark solarized-light spacemacs summercamp summerfruit-dark summerfruit-light
synth-midnight-terminal-dark synth-midnight-terminal-light tango tender tomorrow tomorrow-night
twilight unikitty-dark unikitty-light vulcan windows-10 windows-10-light windows-95
windows-95-light windows-high-contrast windows-high-contrast-light windows-nt windows-nt-light
woodland xcode-dusk zenburn
"""

HLJS_9_THEMES: Final[frozenset[str]] = frozenset(_V9.split())
HLJS_11_THEMES: Final[frozenset[str]] = frozenset(
    _V11.split() + ["base16/" + name for name in _V11_BASE16.split()]
)
HLJS_THEME_NAMES: Final[frozenset[str]] = HLJS_9_THEMES | HLJS_11_THEMES
