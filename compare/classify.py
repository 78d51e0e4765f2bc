"""Step 3, classify: tell claims from headings and boilerplate (shown, never compared)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .results import Kind
from .split import SplitSentence


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern for lines that are not part of the story, named for what it catches.

    ``needs`` lists lower-case words one of which must occur for the pattern to be tried: a
    pattern that can match anywhere in a line is slow to run on every sentence of 2,000 articles,
    while a substring test is nearly free. Patterns anchored at the line's start need none.
    """

    name: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()

    def matches(self, text: str, lowered: str) -> bool:
        if self.needs and not any(word in lowered for word in self.needs):
            return False
        return self.pattern.search(text) is not None


def _rule(name: str, pattern: str, *needs: str, cased: bool = False) -> Rule:
    return Rule(name, re.compile(pattern, 0 if cased else re.IGNORECASE), needs)


RULES: tuple[Rule, ...] = (
    _rule(
        "advert",
        r"^\W*(advertisements?|advertising|ad|sponsored( content| post| links?)?|promoted"
        r"( content)?|paid (content|post|partnership)|partner content|story continues below"
        r"( advertisement)?|continue reading below)\W*$"
        r"|^\W*(sponsored|advertisement|promoted)\s*[:|—–-]",
    ),
    _rule(
        "newsletter",
        r"\b(sign up (for|to)|subscribe (to|now|for|today)|newsletters?\b.*\b(inbox|sign|free)"
        r"|delivered (straight )?to your inbox|get (our|the) \w+ (newsletter|briefing|email)"
        r"|support (our|independent|local) (journalism|reporting|newsroom)|donate( now| today)?\W*$"
        r"|make a (donation|contribution)|become a (member|subscriber|supporter)"
        r"|already a subscriber|subscribers? only|unlock (this|unlimited)|start your free trial)",
        "sign up",
        "subscri",
        "newsletter",
        "inbox",
        "support",
        "donat",
        "contribution",
        "become a",
        "unlock",
        "free trial",
    ),
    _rule(
        "share",
        r"^\W*(share( this)?( article| story| post)?( on \w+)?|share on \w+|tweet|email|print"
        r"|copy link|follow us( on .*)?|click here.*|read more\b.*|related( articles| stories"
        r"| coverage)?\s*:.*|more from .*|recommended( for you)?\W*|see also\b.*|read next\b.*"
        r"|watch\s*:.*|listen( to this article)?\b.*|most (read|popular)\W*|trending( now)?\W*"
        r"|(tags|topics|filed under)\s*:.*|back to top\W*|skip to (main )?content\W*)\W*$"
        r"|^\W*(download|get|install) (the|our) .{0,40}\bapp\b",
    ),
    _rule(
        "share",
        r"\bshare (this|on (facebook|twitter|x|linkedin|whatsapp))\b"
        r"|\bfollow (us|him|her|them) on\b",
        "share",
        "follow",
    ),
    _rule(
        "comments",
        r"^\W*((leave|post|add|write) a (reply|comment)|comments?( \(\d+\))?|\d+ comments?"
        r"|join the (conversation|discussion)|show comments|view comments|cancel reply)\W*$",
    ),
    _rule(
        "comments",
        r"\byour email address will not be published\b|\brequired fields are marked\b"
        r"|\byou must be logged in to (post|comment)|\bcomments are (closed|moderated)",
        "email address",
        "required fields",
        "logged in",
        "comments are",
    ),
    _rule(
        "credit",
        r"^\W*(photo(graph)?s?|image|picture|illustration|video|credit|file photo|graphic)"
        r"\s*(by|credit)?\s*[:|/—–-]",
    ),
    _rule(
        "credit",
        r"[(\[]\s*(photo|image|picture|credit|illustration)s?\b[^)\]]*[)\]]\W*$"
        r"|/\s*(getty images|reuters|ap|afp|associated press|shutterstock|epa)\W*$"
        r"|\b(photo|image) courtesy of\b",
        "photo",
        "image",
        "picture",
        "credit",
        "illustration",
        "/",
    ),
    _rule("contact", r"[\w.+-]+@[\w-]+\.[\w.]+", "@"),
    _rule(
        "contact",
        r"\b(contact|reach|email|write to) (the (author|reporter|newsroom)|us|him|her|them)\b.*"
        r"\b(at|via)\b|\bsend (us )?(your )?(tips|news tips)\b",
        "contact",
        "reach",
        "email",
        "write to",
        "tips",
    ),
    _rule(
        "rights",
        r"©|\bcopyright\b|\ball rights reserved\b"
        r"|\bmay not be (published|reproduced|redistributed)\b",
        "©",
        "copyright",
        "rights reserved",
        "may not be",
    ),
    _rule(
        "meta",
        r"^\W*(editor'?s note|correction|clarification|update(d)?|disclosure|disclaimer)\s*[:—–-]"
        r"|^\W*\(?reporting by\b|^\W*(published|updated|posted|last updated)\b.{0,60}$"
        r"|^\W*\d+\s*(min(ute)?s?|hours?)( read)?\W*$",
    ),
    _rule(
        "meta",
        r"\b(will|we'll) update this (story|article|page)\b"
        r"|\bas more information becomes available\W*$"
        r"|\bcheck back (later )?for updates\b|\bthis is a developing story\b"
        r"|\bcontributed (reporting )?to this (report|story|article)\b"
        r"|\bthis (story|article) (has been|was) (updated|corrected)\b"
        r"|\ban earlier version of this\b"
        r"|\b\d+\s*min(ute)? read\b|\bwe use cookies\b|\baccept (all )?cookies\b"
        r"|\bcookie (policy|settings|preferences)\b|\bprivacy policy\b|\bterms of (use|service)\b",
        "update",
        "more information",
        "check back",
        "developing story",
        "contributed",
        "corrected",
        "earlier version",
        " read",
        "cookie",
        "privacy",
        "terms of",
    ),
    # Bylines and bios are told by capitalised names, so these two are case-sensitive where it
    # matters: "By Jane Doe" is a byline, "by the river" and "By Tuesday, officials said" are not.
    _rule(
        "byline",
        r"^\W*(?i:by)\s+(?!(?i:(?:the |a )?(?:monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday|january|february|march|april|may|june|july|august|september|october|november"
        r"|december|noon|midnight|then|now|law|contrast|comparison|design|far)\b))"
        r"[A-Z][\w.'’-]+(\s+(and\s+)?[A-Z][\w.'’-]+){1,4}\s*($|[,|•·—–-].{0,80}$)",
        cased=True,
    ),
    _rule(
        "bio",
        r"^(?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s+)?[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s+"
        r"((is|was) (an?|the)\s+([A-Z][\w.'’-]*['’]s\s+)?([\w-]+\s+){0,3}(reporter|writer"
        r"|correspondent|editor|journalist|columnist|contributor|producer|freelancer|anchor|critic)\b"
        r"|covers\s+.{2,60}\s+for\s+(the\s+)?[A-Z]|writes about\b|reports on\b.*\bfor\b"
        r"|has (covered|reported on|written about)\b.{2,80}\b(since|for)\b)",
        cased=True,
    ),
)
"""Lines that are not part of the story: adverts, prompts, bylines, credits, bios and the like."""

_DATE_ONLY = re.compile(
    r"^\W*((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?"
    r"(\s+\d{4})?|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2})([\s,]+(at\s+)?\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?(\s+[A-Z]{2,4})?)?\W*$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"\w+")


def boilerplate_reason(text: str) -> str | None:
    """Name the boilerplate pattern a sentence matches, or None for story text."""
    if _DATE_ONLY.match(text):
        return "dateline"
    lowered = text.lower()
    return next((rule.name for rule in RULES if rule.matches(text, lowered)), None)


def classify(sentence: SplitSentence) -> Kind:
    """Decide whether a sentence is a claim, a heading or boilerplate."""
    text = sentence.text.strip()
    if not _WORD.search(text):
        return "boilerplate"
    if boilerplate_reason(text) is not None:
        return "boilerplate"
    if sentence.block == "heading":
        return "heading"
    if sentence.alone and sentence.block == "paragraph" and _looks_like_heading(text):
        return "heading"
    return "claim"


def _looks_like_heading(text: str) -> bool:
    """A line on its own that reads as a headline, a section title or a standing question."""
    words = len(text.split())
    if text.endswith("?"):
        return words <= 12 and '"' not in text and "“" not in text
    if text.endswith(":"):
        return words <= 12
    return not _TERMINAL.search(text) and words <= 20


def classify_all(sentences: list[SplitSentence]) -> list[Kind]:
    """Classify each sentence of one article."""
    return [classify(sentence) for sentence in sentences]
