"""Import the two NLTK parts synopsis uses (Punkt, Snowball) without NLTK's package imports.

``import nltk`` loads most of the library, and with SciPy installed it also imports
``scipy.stats`` through ``nltk.collocations``; ``nltk.stem`` pulls in ``nltk.corpus`` and its
readers. That is over a second before the app can show anything, for two small modules that
need none of it. So while importing them, ``nltk`` (and the packages named) are bare packages
whose submodules load on demand, and the modules in ``UNUSED`` are stand-ins; afterwards every
``nltk`` module loaded this way leaves ``sys.modules`` again (synopsis keeps its own
references), so a later ``import nltk`` (in a notebook, say) loads NLTK afresh, exactly as if
synopsis had never touched it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Callable
from types import ModuleType
from typing import NoReturn

_LOCK = threading.Lock()

UNUSED = ("pathsec", "picklesec", "probability", "tabdata", "internals", "tokenize.util")
"""NLTK modules that Punkt and Snowball import at their top but call only to load, save, train
or debug a model, never to split or stem. NLTK's file and pickle guards among them import
``http.client``, ``ssl``, ``email`` and ``urllib.request``: 7 % of a five-article comparison's
instructions, for nothing. Should an NLTK release call one of them where synopsis goes, the
stand-in says so (:class:`_Unused`); should a module fail to import with stand-ins, it is
imported with the real ones, as before."""


class _Unused(ModuleType):
    """A stand-in for an NLTK module synopsis never calls into: any name it is asked for is a
    function that raises, naming the module and the name."""

    def __getattr__(self, name: str) -> Callable[..., NoReturn]:
        if name.startswith("__"):
            raise AttributeError(name)

        def unused(*args: object, **kwargs: object) -> NoReturn:
            raise RuntimeError(
                f"{self.__name__}.{name} was not loaded: synopsis does not use it "
                "(compare/nltk_light.py, UNUSED)"
            )

        return unused


def import_nltk_module(
    name: str, *, bare: tuple[str, ...] = (), **attributes: object
) -> ModuleType:
    """Import ``nltk.<name>`` with ``nltk`` and ``nltk.<bare...>`` as bare packages.

    Args:
        name: The submodule, e.g. ``"tokenize.punkt"``.
        bare: Further packages to leave uninitialised, e.g. ``("stem", "corpus")``.
        attributes: ``package__attribute=value`` stand-ins for names a module imports from a
            bare package but never uses in the way synopsis calls it.
    """
    with _LOCK:
        if "nltk" in sys.modules:  # NLTK is fully loaded already: nothing to save
            return importlib.import_module(f"nltk.{name}")
        try:
            return _import_light(name, bare, attributes, unused=UNUSED)
        except Exception:  # an NLTK release that needs one of UNUSED to import: load them
            return _import_light(name, bare, attributes, unused=())


def _import_light(
    name: str, bare: tuple[str, ...], attributes: dict[str, object], *, unused: tuple[str, ...]
) -> ModuleType:
    """:func:`import_nltk_module`'s work, with the modules named in ``unused`` as stand-ins."""
    before = set(sys.modules)
    try:
        for package in ("nltk", *(f"nltk.{p}" for p in bare)):
            spec = importlib.util.find_spec(package) if package == "nltk" else None
            if spec is None:
                parent = sys.modules["nltk"].__path__[0]
                spec = importlib.util.spec_from_file_location(
                    package,
                    f"{parent}/{package.split('.', 1)[1].replace('.', '/')}/__init__.py",
                    submodule_search_locations=[
                        f"{parent}/{package.split('.', 1)[1].replace('.', '/')}"
                    ],
                )
            if spec is None or not spec.submodule_search_locations:
                raise ModuleNotFoundError(f"No module named {package!r}", name=package)
            module = types.ModuleType(package)
            module.__path__ = list(spec.submodule_search_locations)
            module.__spec__ = spec
            sys.modules[package] = module
        for stand_in in unused:
            sys.modules[f"nltk.{stand_in}"] = _Unused(f"nltk.{stand_in}")
        for key, value in attributes.items():
            package, attribute = key.split("__", 1)
            setattr(sys.modules[f"nltk.{package}"], attribute, value)
        return importlib.import_module(f"nltk.{name}")
    finally:
        for loaded in set(sys.modules) - before:
            if loaded == "nltk" or loaded.startswith("nltk."):
                del sys.modules[loaded]
