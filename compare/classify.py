"""Step 3, classify: tell claims from headings and boilerplate (shown, never compared)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .results import BlockKind, Kind
from .split import SENTENCE_END, SplitSentence, is_furniture


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
        # A plain loop: a generator under any() cost more than the substring tests themselves.
        for word in self.needs:
            if word in lowered:
                break
        else:
            if self.needs:
                return False
        return self.pattern.search(text) is not None


def _rule(name: str, pattern: str, *needs: str, cased: bool = False) -> Rule:
    return Rule(name, re.compile(pattern, 0 if cased else re.IGNORECASE), needs)


CREDIT_LABEL = (
    r"^\W*(photo(graph)?s?|images?|pictures?|illustration|video|credit|file photo|graphic)"
    r"\s*(by|credit)?\s*[:|/—–-]\s*"
)
"""The label a picture's credit or caption opens with: "Photo:", "Image by", "Credit |"."""

RULES: tuple[Rule, ...] = (
    _rule(
        "advert",
        r"^\W*(advertisements?|advertising|ad|report (this )?ad|sponsored( content| post| links?)?"
        r"|promoted"
        r"( content)?|paid (content|post|partnership)|partner content|story continues below"
        r"( advertisement)?|continue reading below)\W*$"
        r"|^\W*(sponsored|advertisement|promoted)\s*[:|—–-]",
    ),
    _rule(
        "newsletter",
        # "Sign up for our briefing", not "Americans scramble to sign up for health cover".
        r"(^\W*sign up\b|\bsign up (for|to) (\w+[’']?s?\s+){0,4}(newsletters?|briefings?|alerts?"
        r"|emails?|updates|digest|bulletin|podcast|account)\b"
        r"|\bsubscribe (to|now|for|today)|newsletters?\b.*\b(inbox|sign|free)"
        r"|delivered (straight )?to your inbox|get (our|the) \w+ (newsletter|briefing|email)"
        r"|support (our|independent|local) (journalism|reporting|newsroom)|donate( now| today)?\W*$"
        r"|make a (donation|contribution)|^\W*become a (member|subscriber|supporter)\b"
        r"|already a subscriber|subscribers? only|unlock (this|unlimited)|start your free trial"
        r"|as an? (subscriber|member), you\b|\bgift (this )?articles?\b"
        r"|^\W*thank(s| you) for (signing up|subscribing|registering)\W*$"
        r"|^\W*(our|quality|local|independent) journalism (needs|relies on|depends on)"
        r" (your|readers'?) support\W*$"
        # A paywall's words where the story stops: "Sign in to continue reading.", "You have
        # reached your limit of free articles.", "Please consider subscribing."
        r"|^\W*(sign in|log in|register|create an? (free )?account|subscribe) to (continue|keep)"
        r" reading\W*$|\byou('ve| have) reached your (limit|maximum)\b.{0,30}\b(free )?(articles?"
        r"|stories|reads)\b|^\W*(please )?consider (subscribing|supporting us)\W*$"
        # A sign-up box's field: "Type your email…", "Enter your email address".
        r"|^\W*(type|enter) your email( address)?\W*$)",
        "your email",
        "thank",
        "journalism",
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
        "as a",
        "gift",
        "reading",
        "reached your",
        "consider",
    ),
    _rule(
        "share",
        r"^\W*(share( this)?( article| story| post)?( on \w+)?|share on \w+|tweet|email|print"
        r"|copy link|follow us( on .*)?|click here.*|read more\b.*|related( articles| stories"
        r"| coverage)?\s*:.*|more from .*|recommended( for you)?\W*|see also\b.*|read next\b.*"
        r"|watch\s*:.*|listen( to this article)?\b.*|most (read|popular)\W*|trending( now)?\W*"
        r"|(tags|topics|filed under)\s*:.*|back to top\W*|skip to (main )?content\W*"
        r"|link copied|copy link)\W*$"
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
        "navigation",
        # A breadcrumb or section trail: "Home > News > World", "News | World | Americas".
        # Three items or more, each a label of up to four words that starts with a capital.
        r"^\W*([A-Z][\w'’.&-]*( [\w'’.&-]+){0,3}\s+[>›»|/]\s+){2,}"
        r"[A-Z][\w'’.&-]*( [\w'’.&-]+){0,3}\W*$",
        cased=True,
    ),
    _rule(
        "navigation",
        # A page's table of contents and its toggle: "Table of Contents", "Jump to:".
        r"^\W*(table of contents|contents|toggle|jump to|quick links|in this (article|story|post))"
        r"\W*$",
    ),
    _rule(
        "comments",
        r"^\W*((leave|post|add|write) a (reply|comment)|comments?( \(\d+\))?|\d+ comments?"
        r"|join the (conversation|discussion)|(show|view|see|read) (all )?(\d+ )?comments?"
        r"|cancel reply)\W*$",
    ),
    _rule(
        "comments",
        r"\byour email address will not be published\b|\brequired fields are marked\b"
        r"|\byou must be logged in to (post|comment)|\bcomments are (closed|moderated)"
        r"|\bsave my name, email,? and website\b"
        # An invitation to comment: "Have your say in the comments below."
        r"|^\W*have your say\b|\b(share your (thoughts|views)|let us know( what you think)?)\b"
        r"[^.]{0,30}\bcomments?\b",
        "have your say",
        "comment",
        "email address",
        "required fields",
        "logged in",
        "comments are",
        "save my name",
    ),
    _rule("credit", CREDIT_LABEL),
    _rule(
        "credit",
        # "(Photo: Lena Fox)", and an agency's own: "(AP Photo/Lena Fox, File)".
        r"[(\[]\s*((?-i:[A-Z][\w&.]{1,15})\s+)?(photo|image|picture|credit|illustration)s?\b"
        r"[^)\]]*[)\]]\W*$"
        r"|/\s*(getty images|reuters|ap|afp|associated press|shutterstock|epa)\W*$"
        r"|^\W*(reuters|afp|ap|epa|efe|ansa|getty images)\s*/\s*(?-i:[A-Z])"  # "REUTERS/Jo Doe"
        # "(Jo Doe/Valley Times)": a photographer and an outlet in brackets, on their own.
        r"|^\W*[(\[]\s*(?-i:[A-Z][\w.'’-]*)(\s+(?-i:[A-Z][\w.'’-]*)){0,3}\s*/\s*"
        r"(?-i:[A-Z][\w.'’&-]*)(\s+(?-i:[A-Z][\w.'’&-]*)){0,4}(,\s*file)?\s*[)\]]\W*$"
        r"|\b(photo|image) courtesy of\b",
        "photo",
        "image",
        "picture",
        "credit",
        "illustration",
        "/",
    ),
    _rule(
        "credit",
        # "Charlie Riedel, Associated Press": a photographer and an agency on their own.
        r"^([A-Z][\w.'’-]+\s+){1,3}[A-Z][\w.'’-]+\s*[,/|]\s*(the )?(associated press|ap|reuters"
        r"|afp|getty images|epa|shutterstock|bloomberg|xinhua|imagn images|usa today sports"
        r"|nurphoto|anadolu|sipa|zuma|alamy)\b.{0,30}$",
        "associated press",
        "/ap",
        "/ ap",
        "| ap",
        "reuters",
        "afp",
        "getty",
        ", epa",
        "shutterstock",
        "bloomberg",
        "xinhua",
        "imagn",
        "usa today",
        "nurphoto",
        "anadolu",
        ", sipa",
        "zuma",
        "alamy",
    ),
    _rule(
        "image",
        # Image placeholders and captions that describe a picture rather than the story.
        r"^\W*(hero |featured |main |lead |header )?(image|photo|picture|thumbnail|video"
        r"|gallery|slideshow)s?\W*$"
        r"|^\W*(editorial |file |stock )?(illustration|photo(graph)?|image|picture|graphic"
        r"|avatar|headshot|screenshot)\s+(of|for|shows|showing|via)\b"
        # A caption labelled as one: "Image caption, ...", "Caption: ...", "Media caption, ...".
        r"|^\W*((image|photo|picture|media|video) )?caption\s*[:,|—–-]",
    ),
    _rule(
        "image",
        # What is left of an image's file name when a page is saved as text: ".png)".
        r"\.(png|jpe?g|gif|webp|svg|avif)\b\W*$",
        ".png",
        ".jp",
        ".gif",
        ".webp",
        ".svg",
        ".avif",
    ),
    _rule(
        "outlet",
        # "/ CBS Philadelphia", "· The Gleaner": the outlet's name tagged onto a byline.
        r"^\s*[/|·•]\s*([A-Z][\w.'’&-]*\s*){1,4}$",
        cased=True,
    ),
    _rule(
        "call to action",
        # An imperative aimed at the reader: "Download the app today", "Watch CBS News",
        # "Refresh for updates", "Play the daily crossword". News claims are not imperatives.
        # Not inside a quotation: '"Get it done," the mayor said.' reports what someone said.
        r"^[^\w\"“”‘']*(get|buy|order|shop|download|play|try|grab|join|watch|listen|refresh|click|tap|scan"
        r"|subscribe|register|read|see|follow|share|donate|learn|celebrate|discover|explore"
        r"|find out|check out|sign up|log in|point (your |the )?(phone|camera))\b"
        r"(\s+(now|today|here|the|our|a|an|your|this|it|us|for|more|to|on|with)\b"
        r"|(?-i:\s+[A-Z])|\s+@\w|\W*$)",
    ),
    _rule(
        "call to action",
        # The same, written as advice: "For more news, visit our homepage", "Stay up to date by
        # following us on Google News", "Don't miss out on the latest news".
        r"\bvisit our (homepage|home page|website|site)\b|\b(follow|following) us on (\w+ ){0,2}"
        r"(x|twitter|facebook|instagram|google|tiktok|threads|bluesky|linkedin|youtube|whatsapp"
        r"|telegram)\b|^\W*(don'?t|do not) miss (out on )?(the latest|our)\b"
        r"|^\W*catch up on (all )?(the latest|our)\b|^\W*thanks? (you )?for reading\b"
        r"|^\W*catch all the (latest|\w+ news)\b"
        r"|^\W*stay (tuned|connected with us|with us) for\b.{0,40}$"
        r"|\bwe want to hear from you\b|^\W*(got|have) an? (confidential |news )*tip\b"
        r"|^\W*for (more|further|additional) information,? (please )?(visit|see|go to|contact)\b",
        "visit our",
        "us on",
        " miss",
        "catch up",
        "catch all",
        "for reading",
        "stay ",
        "hear from you",
        " tip",
        "information",
    ),
    _rule(
        "disclaimer",
        # What a page says of itself, not of the story: affiliate notes, opinion disclaimers,
        # the crisis-line note under a story touching on suicide, a quote box's data source.
        r"\b(we|i) may (earn|receive) an? (small )?(commission|affiliate)\b"
        r"|\baffiliate links?\b|\b(views|opinions) expressed\b.{0,60}\b(own|necessarily)\b"
        r"|^\W*if you or someone you know\b|\bthis is a breaking( news)? story\b"
        r"|\b(market data|(stock |price )?quotes?) (is |are )?(provided|powered|supplied) by\b"
        r"|^\W*quotes? (are )?delayed\b"
        # A financial site's disclosures: "The Motley Fool has positions in and recommends …",
        # "… has a disclosure policy.", "… does not provide investment advice."
        r"|\bhas positions? in and recommends\b|\bhas a disclosure policy\b"
        r"|\b(holds?|has|have) no positions? in (any of )?the (stocks|securities|companies)"
        r" mentioned\b"
        r"|\b(does not|doesn't|do not|is not) (provide|constitute|offer|intended as) (personal )?"
        r"(investment|financial|legal|tax) advice\b|^\W*investing involves risks?\b"
        r"|^\W*(this is )?not (investment|financial) advice\W*$",
        "commission",
        "affiliate",
        "expressed",
        "someone you know",
        "breaking",
        "provided by",
        "powered by",
        "supplied by",
        "delayed",
        "position",
        "disclosure policy",
        "advice",
        "investing involves",
    ),
    _rule(
        "support",
        r"^\W*support\s+(us|(?-i:[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,2}))\W*$"
        r"|\b(buy me a coffee|ko-fi|patreon|tip jar)\b",
        "support",
        "coffee",
        "ko-fi",
        "patreon",
        "tip jar",
    ),
    _rule(
        "slogan",
        r"(™|(?<=[a-z\d.])TM)\W*$",  # "Straight Facts.TM", not "the ATM."
        "™",
        "tm",
        cased=True,
    ),
    _rule(
        "ai summary",
        r"\b(summary|article|story|this content) (is|was|has been) (AI[- ]generated"
        r"|generated (by|with|using) AI)\b|\b(our|this|the) AI summary\b|^\W*let us know\W*$"
        r"|^\W*(the )?(audio|voice|narration) (is|was) (AI[- ]generated|generated by AI)\W*$"
        r"|\b(article|story|summary) was (generated|written|produced|created) with the (help|aid"
        r"|assistance) of AI\b",
        "ai-generated",
        "ai generated",
        "by ai",
        "with ai",
        "using ai",
        "ai summary",
        "let us know",
        "of ai",
    ),
    _rule(
        "prompt",
        # A rewriting prompt leaked into the page by a content farm's tooling.
        r"^\W*(write|rewrite|create|generate|compose) an? ([\w-]+ ){0,2}(article|story|blog post"
        r"|news article|post|summary) (about|on|from|based on)\b"
        r"|\borgani[sz]e the content with\b|\bas an AI (language )?model\b",
        "write",
        "rewrite",
        "create",
        "generate",
        "compose",
        "organi",
        "as an ai",
    ),
    _rule(
        "signpost",
        # A line that points at what follows instead of saying something.
        r"^\W*below,? (we|you('ll| will)) (explain|look|break down|answer|outline|detail|find)\b"
        r"|^\W*here('s| is) what (you need|to know|we know)\b[^:]{0,20}$"
        r"|^\W*(keep|continue) reading (to|for)\b.{0,40}$",
    ),
    _rule(
        "meta",
        r"^\W*\(\s*(note|disclosure|disclaimer|editor'?s note)\s*:|^\W*quick read\W*$"
        r"|^\W*(written|reported|edited|compiled|reviewed|fact[- ]?checked|story) by\s*:?\s+"
        r"(?-i:[A-Z])"
        r"|^\W*originally (published|posted)\b.{0,40}$"
        # An archive's notice over an old story: "This article is more than 1 year old".
        r"|^\W*this (article|story|content|page) is (more than|over) (a|an|one|\d+) (years?|months?"
        r"|weeks?|days?) old\W*$",
    ),
    _rule("meta", r"\bread(ing)? time\b", "read time", "reading time"),
    _rule("contact", r"[\w.+-]+@[\w-]+\.[\w.]+", "@"),
    # A bare link left by an embedded post or a shared picture: "pic.twitter.com/AbC123".
    _rule("link", r"^\W*(https?://|www\.|pic\.twitter\.com/)\S+\W*$", "http", "www.", "pic."),
    _rule(
        "contact",
        r"\b(contact|reach|email|write to) (the (author|reporter|newsroom)|us|him|her|them)\b.*"
        r"\b(at|via)\b|\bsend (us )?(your )?(tips|news tips)\b"
        # A tip line's pitch: "Got a story?", "Have a tip? Contact our newsroom."
        r"|^\W*(got|have) an? (story|tip|news tip|story idea)\W*$"
        r"|^\W*contact (our|the) (newsroom|news desk)\W*$|^\W*get in touch\W*$",
        "contact",
        "reach",
        "email",
        "write to",
        "tips",
        "got a",
        "have a",
        "in touch",
    ),
    _rule(
        "legal",
        # A press release's legal notes, reprinted with it: the safe-harbor paragraph and the
        # trademark line. "forward-looking guidance" or a company's "risks" stay claims.
        r"\bforward-looking statements?\b.{0,120}\b(risks?|uncertaint\w*|subject to|within the"
        r" meaning|safe harbor|not guarantees?|materially)\b"
        r"|\b(risks?|uncertaint\w*|subject to|not guarantees?|update)\b.{0,120}\bforward-looking"
        r" statements?\b|\bsafe harbor provisions?\b"
        r"|\btrademarks? and/or registered trademarks?\b|\btrademarks? of (their|the) respective"
        r" (owners|companies|holders)\b|\bmay be (registered )?trademarks of the respective\b"
        r"|\btrademarks?\b.{0,60}\bin the (U\.S\.|United States|US) and(/or)? other countries\b",
        "forward-looking",
        "safe harbor",
        "trademark",
    ),
    _rule(
        "cookies",
        r"\b(we|this (site|website)) uses? cookies\b|\byou (agree|consent) to (our|the) use of"
        r" cookies\b|^\W*(accept|reject|manage) (all )?cookies\W*$|^\W*cookie (settings|policy"
        r"|preferences)\W*$",
        "cookie",
    ),
    _rule(
        "rights",
        # A copyright notice, not a claim about copyright law ("The suit says the model
        # infringed copyright"): the sign, a year or "(c)" after the word, or a line that is
        # the word and a holder's name.
        r"©|\bcopyright\s*(\(c\)|\d{4})|^\W*copyright\s+(?-i:[A-Z])[\w.,&'’ -]{0,50}$"
        r"|\ball rights reserved\b"
        r"|\bmay not be (published|reproduced|redistributed)\b",
        "©",
        "copyright",
        "rights reserved",
        "may not be",
    ),
    _rule(
        "meta",
        r"^\W*(editor'?s note|correction|clarification|update(d)?|disclosure|disclaimer)\s*[:—–-]"
        r"|^\W*\(?((additional|further) )?(reporting|writing|editing) by\b"
        # "Contains reporting from Reuters and AFP.", "With reporting from the BBC."
        r"|^\W*\(?(contains|includes|with) (additional )?(reporting|material) from\b.{0,60}$"
        r"|^\W*(published|updated|posted|last updated|last modified)\b.{0,60}$"
        # A byline with its stamp: "TOI News Desk / Updated: Nov 18, 2031, 09:15 IST".
        r"|^.{0,60}[/|·•]\s*(published|updated|posted|last updated)\s*:?\s.{0,30}\b\d{4}\b.{0,20}$"
        r"|^\W*\d+\s*(min(ute)?s?|hours?)( read)?\W*$"
        r"|^\W*\d{1,3} (of|/) \d{1,3}\W*$"  # a gallery's counter: "1 of 3 |"
        # A live blog's time stamp on its own line: "12:45 p.m.", "9 AM ET".
        r"|^\W*\d{1,2}(:\d{2})?\s*(a\.?m\.?|p\.?m\.?)(\s+[A-Z]{2,4})?\W*$",
    ),
    _rule(
        "meta",
        r"\b(will|we'll) update this (story|article|page)\b"
        r"|\bas more information becomes available\W*$"
        r"|\bcheck back (later )?for updates\b|\bthis is a developing story\b"
        r"|\bcontributed (reporting )?to this (report|story|article)\b"
        r"|\bcontributed (additional )?reporting\W*$|^\W*contributing\s*:"
        # "Associated Press writer Sam Ortiz contributed from Riverton."
        r"|\b(writers?|reporters?|correspondents?|journalists?)\b.{0,80}\bcontributed"
        r"( from [^.,;]{1,40})?\W*$"
        r"|\b(this|the) (article|story|piece|post) (was )?(originally|first) (published|appeared)\b"
        r"|\b(this|the) (story|article|page|post) (will|may) be updated\b"
        r"|^\W*our standards\s*:|(\b|new)you can now listen to\b"
        # A syndicated copy's note: "(This story has not been edited by our staff and is
        # auto-generated from a syndicated feed.)"
        r"|\bthis (story|article|report|piece) (has not been|was not|is not) edited by\b"
        r"|\bfrom a syndicated feed\b"
        # A print edition's note: "A version of this article appears in print on Nov. 19, …".
        r"|\ba version of this (article|story) appears? in print\b"
        # Who reported from where, at the foot: "Dana Okafor reported from Riverton."
        r"|^(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) (?:and (?-i:[A-Z][\w.'’-]+(?: [A-Z]"
        r"[\w.'’-]+){1,3}) )?reported from (?-i:[A-Z][\w.'’-]*"
        r"(?:,? (?:[A-Z][\w.'’-]*|and|the|from)){0,8})\.?$"
        r"|\bthis (story|article) (has been|was) (updated|corrected)\b"
        r"|\ban earlier version of this\b"
        r"|\b\d+\s*min(ute)? read\b|\bwe use cookies\b|\baccept (all )?cookies\b"
        r"|\bcookie (policy|settings|preferences)\b|\bprivacy policy\b|\bterms of (use|service)\b",
        "update",
        "more information",
        "check back",
        "developing story",
        "contributed",
        "contributing",
        "originally",
        "first",
        "standards",
        "listen",
        "corrected",
        "in print",
        "edited by",
        "syndicated",
        "reported from",
        "earlier version",
        " read",
        "cookie",
        "privacy",
        "terms of",
    ),
    _rule(
        "made by",
        # Who made the piece, said at its foot: "This story was produced in partnership with
        # ...", "This article was written with the help of ...". A claim about a report
        # ("The report was produced by the institute", "This report is produced for the
        # council") names no article, story or piece.
        r"\bthis (article|story|piece|post|episode|video) (was|is|has been) (produced"
        r"|written|reported|prepared|created|edited|made|translated)( \w+){0,3} "
        r"(by|with|in (partnership|collaboration|association) with)\b",
        "this ",
    ),
    _rule(
        "funding",
        # A wire's note on who pays for a beat: "... receives support from private
        # foundations. AP is solely responsible for all content." and where its rules are.
        r"\bis solely responsible for all content\b|\bstandards for working with philanthropies\b",
        "solely responsible",
        "philanthropies",
    ),
    _rule(
        "embed",
        # What a page shows in place of a video, a social post or a chart it could not load.
        r"\b(enable|turn on|switch on|activate) javascript\b"
        r"|\bjavascript (is|must be|has been) (disabled|required|needed|turned off|enabled)\b"
        r"|\byour browser (does not|doesn't|can ?not) (support|play)\b"
        r"|\bthis (content|video|embed|media|element|graphic) (is not|isn't) available\b"
        r"|\bthis (content|video|embed|media|element|graphic) (can ?not|could not) be "
        r"(displayed|played|shown|loaded)\b|^\W*loading\W*$"
        # A consent wall in place of an embed: "This content is not available due to your
        # privacy preferences. Update your settings here to see it."
        r"|\b(update|change|manage|review) your (privacy |cookie |consent )?(settings|preferences)"
        r"\b[^.]{0,20}\bto (see|view|watch|load)\b"
        # An embedded post's signature under its text: "— Riverton Port (@rivport) November
        # 18, 2025", "A post shared by Riverton Port (@rivport)".
        r"|^\s*[—–-]+\s*[^()]{1,60}\(@\w{1,30}\)(\s+[\w,.]+){0,4}\s*$|^\W*a post shared by\b",
        "(@",
        "post shared",
        "javascript",
        "browser",
        "available",
        "not be",
        "loading",
        "your settings",
        "your privacy",
        "your cookie",
        "your consent",
        "your preferences",
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
        r"((is|was) (an?|the|our)\s+([A-Z][\w.'’-]*['’]s\s+)?([\w-]+\s+){0,3}(reporter|writer"
        r"|correspondent|editor|journalist|columnist|contributor|producer|freelancer|anchor|critic)\b"
        r"|covers\s+.{2,60}\s+for\s+(the\s+)?[A-Z]|writes about\b|reports on\b.*\bfor\b"
        r"|(reports|writes) for\s+(the\s+)?[A-Z]"
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
_WORD = re.compile(r"\w+")


def boilerplate_reason(text: str) -> str | None:
    """Name the boilerplate pattern a sentence matches, or None for story text."""
    if _DATE_ONLY.match(text) or is_furniture(text):
        return "dateline"
    text = text.translate(_APOSTROPHES)  # "Don’t miss" as "Don't miss": rules write one kind
    lowered = text.lower()
    return next((rule.name for rule in RULES if rule.matches(text, lowered)), None)


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def classify(sentence: SplitSentence) -> Kind:
    """Decide whether a sentence is a claim, a heading or boilerplate, on its own."""
    return _classified(sentence)[0]


def _classified(sentence: SplitSentence) -> tuple[Kind, str | None]:
    """The sentence's kind on its own, and the boilerplate rule that matched, if any."""
    return _classified_line(sentence.text, sentence.block, sentence.alone)


@lru_cache(maxsize=1 << 14)
def _classified_line(text: str, block: BlockKind, alone: bool) -> tuple[Kind, str | None]:
    """:func:`_classified` of what it reads, kept for sentences seen again: coverage of one
    story repeats whole paragraphs (wire copy), and some thirty rules are tried on each."""
    text = text.strip()
    if not _WORD.search(text):
        return "boilerplate", "no words"
    reason = boilerplate_reason(text)
    if reason is not None:
        return "boilerplate", reason
    if block == "heading":
        return "heading", None
    if alone and block == "paragraph" and _looks_like_heading(text) and not _tabulates(text):
        return "heading", None
    if alone and _INITIALS_ONLY.fullmatch(text):
        return "heading", None  # "U.S." alone on its line: a menu's entry, not a sentence
    if block == "list_item" and _menu_entry(text):
        return "heading", None
    return "claim", None


MENU_ENTRY_WORDS = 2
"""A list item this short, with no full stop and no figure, is a menu's or a section list's
entry ("News", "Local news"), and so is one of up to four capitalised words ("Money Markets
Live"): a saved page keeps its navigation as a list above the headline. A key-points list says
something in each item ("No one hurt", "Rates cut by a quarter point")."""


def _menu_entry(text: str) -> bool:
    words = text.split()
    return (
        (len(words) <= MENU_ENTRY_WORDS or (len(words) <= 4 and all(w[0].isupper() for w in words)))
        and not SENTENCE_END.search(text)
        and not any(c.isdigit() for c in text)
    )


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.){2,4}")
HIGHLIGHT_FIGURES = 3
"""A line without a full stop that gives this many amounts and percentages is a highlight
("Record revenue of $57.0 billion, up 22% from Q2 and up 62% from a year ago"), the way press
releases and "key points" boxes list results: a claim. A headline gives one or two ("Revenue
jumps 62% to $57bn")."""
_FIGURE = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:%|per ?cent\b|percent\b|(?:percentage )?points?\b|pts\b|bps\b)",
    re.IGNORECASE,
)


def _tabulates(text: str) -> bool:
    return len(_FIGURE.findall(text)) >= HIGHLIGHT_FIGURES


def _looks_like_heading(text: str) -> bool:
    """A line on its own that reads as a headline, a section title or a standing question."""
    words = len(text.split())
    if text.endswith("?"):
        return words <= 12 and '"' not in text and "“" not in text
    if text.endswith(":"):
        return words <= 12
    if words <= 20 and _shouting(text):
        return True  # an ALL-CAPS crosshead, whatever its punctuation
    return not SENTENCE_END.search(text) and words <= 20


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


WHOLE_LINE_REASONS = frozenset({"prompt", "bio", "image", "ai summary"})
"""A line that starts like this is furniture to its end: a leaked prompt, an author box, a
caption or an AI-summary box runs on over several sentences."""
CAPTION_CREDITS = frozenset({"credit"})
"""A lone line just above a credit line ("Charlie Riedel, Associated Press") is a caption."""
CREDIT_LINE_WORDS = 8
"""...when that line is a bare credit: one this long or longer carries its own caption
("Photo: A worker inspects the bridge on Tuesday. Jo Doe/AP"), and the line above it is the
story."""
REPORTED_SPEECH = re.compile(r"\b(said|says|told|according to)\b", re.IGNORECASE)
"""A caption shows a picture; a line that reports what someone said is the story, even above
the credit of a picture that has no caption ("..., union leaders said." then "Photo: Jo Doe").
A caption that quotes ends in its credit on the same line, which that rule reads."""
CREDIT_JOINERS = frozenset({"via", "for", "and", "of", "the", "file", "courtesy", "by", "&"})
"""Besides names, what a bare credit holds: "Jo Doe/AFP via Getty Images", "Jo Doe for The
Valley Times", "(AP Photo/Jo Doe, File)"."""


def _bare_credit(text: str) -> bool:
    """A credit line that only names who made the picture, not a gallery's or a video's title
    ("Photos: Ferry fire in Riverton harbor" links to more pictures; the line above it is the
    story)."""
    named = re.sub(CREDIT_LABEL, "", text, flags=re.IGNORECASE)
    words = re.findall(r"[^\W\d_][\w.'’-]*|&", named)
    return all(w[:1].isupper() or w.lower() in CREDIT_JOINERS for w in words)


LINE_ENDINGS = frozenset({"credit", "slogan", "funding"})
"""A line that ends in a picture credit ("... | Image: Shutterstock") is a caption, one that
ends in a trademark ("Unbiased. Straight Facts.TM") a slogan, one that ends in a wire's
funding note ("... is solely responsible for all content.") that note: furniture from its
start."""
RELATED_LIST = re.compile(
    r"^\W*(related( (articles?|stories|coverage|news|reading|links))?|more reading"
    r"|further reading|read more|also read|read also|more stories|more news|recommended"
    r"( (reading|stories|for you))?|you (may|might) also like|more from [\w .'’-]{1,30}"
    r"|latest (news|stories)|top stories|most (read|popular)|don'?t miss|must reads?"
    r"|editor'?s picks|in case you missed it|more (on|about) this (story|topic))\W*$",
    re.IGNORECASE,
)
"""The heading of a list of other headlines: the lines under it are links, not the story."""
LEGAL_SECTION = re.compile(
    r"^\W*((cautionary|special) (note|statement|language)s? (regarding|about|concerning|on)"
    r" forward-looking( statements| information)?|forward-looking (statements?|information)"
    r"|safe harbor( statement)?)\W*$",
    re.IGNORECASE,
)
"""The heading of a press release's legal section: what follows, to the next heading, is the
company's standing legal text, reprinted by every outlet that runs the release whole. Only the
safe-harbor headings, which close a release: a bare "Disclaimer" may sit above a story."""
RELATED_ITEM_WORDS = 18
"""Headlines in such a list run to about fifteen words; a longer line is the story again."""
KICKER_WORDS = 6
"""The story's first line (the first to hold a claim) of a longer article, standing alone,
this short and naming nothing (no figure, no capitalised name) is a kicker ("The wait is
over."), not a claim, even with a full stop."""
TEASER_WORDS = 6
"""A short question that leads into a prompt on the same line ("Need a break? Play ...")."""


def classify_all(sentences: list[SplitSentence]) -> list[Kind]:
    """Classify each sentence of one article, then judge what only the lines around show.

    Page furniture spans sentences and lines: a caption runs on until its credit, an author box
    over several sentences, a related-headline list under its heading. Each rule here names the
    class of real page it serves.
    """
    judged = [_classified(sentence) for sentence in sentences]
    kinds = [kind for kind, _ in judged]
    reasons = [reason for _, reason in judged]
    lines: dict[int, list[int]] = {}
    for i, sentence in enumerate(sentences):
        lines.setdefault(sentence.line, []).append(i)
    ordered = list(lines.values())
    for n, members in enumerate(ordered):
        first, last = members[0], members[-1]
        starts_furniture = reasons[first] in WHOLE_LINE_REASONS
        ends_in_credit = len(members) > 1 and reasons[last] in LINE_ENDINGS
        if starts_furniture or ends_in_credit:
            for i in members:
                kinds[i] = "boilerplate"
        following = ordered[n + 1] if n + 1 < len(ordered) else None
        if (
            following is not None
            and len(members) == 1
            and kinds[first] == "claim"
            and all(reasons[i] in CAPTION_CREDITS for i in following)
            and sum(len(sentences[i].text.split()) for i in following) < CREDIT_LINE_WORDS
            and all(_bare_credit(sentences[i].text) for i in following)
            and not REPORTED_SPEECH.search(sentences[first].text)
        ):
            kinds[first] = "boilerplate"  # a caption above its credit line
        for i, j in pairwise(members):
            text = sentences[i].text.rstrip()
            teaser = text.endswith("?") and len(text.split()) <= TEASER_WORDS
            if teaser and kinds[j] == "boilerplate":
                kinds[i] = "boilerplate"
    _mark_highlight_runs(sentences, kinds, ordered)
    _mark_author_boxes(sentences, kinds, ordered)
    # The story's first line, when it stands alone, may be its kicker: at the top of the page,
    # or under the headline and byline an HTML page or a reader's copy puts above it.
    opening = next(
        (n for n, line in enumerate(ordered) if "claim" in (kinds[i] for i in line)), None
    )
    if opening is not None and opening + 1 < len(ordered) and len(ordered[opening]) == 1:
        first = ordered[opening][0]
        if _kicker(sentences[first].text):
            kinds[first] = "heading"
    _mark_related_lists(sentences, kinds, ordered)
    _mark_legal_sections(sentences, kinds)
    _mark_comment_sections(sentences, kinds, reasons)
    _mark_repeats(sentences, kinds)
    return kinds


REPEAT_MIN_WORDS = 8
"""A claim this long or longer that another claim of the page holds word for word is a
repeat; shorter ones ("Nobody was hurt.") may be said twice on purpose."""
REPEAT_MIN_SHARE = 0.8
"""...when it is at least this share of the longer one's words: "Nvidia Q3 results: " put in
front of a lead is a summary box repeating it; a sentence that adds a clause says more."""
_NOT_WORD = re.compile(r"[^\w%$€£]+")


def _mark_repeats(sentences: list[SplitSentence], kinds: list[Kind]) -> None:
    """A claim the page tells twice word for word is one claim: the copy is furniture.

    Saved pages repeat their lead (a summary box over the story, a pull quote, a lead saved
    twice); counted twice, a repeated claim told nowhere else would make the article look
    more original than it is. Of the two, the longer stays the claim (the earlier when they
    are alike); the other is furniture.
    """
    claims = [i for i, kind in enumerate(kinds) if kind == "claim"]
    words = {i: _NOT_WORD.sub(" ", sentences[i].text.casefold()).split() for i in claims}
    longest_first = sorted(
        (i for i in claims if len(words[i]) >= REPEAT_MIN_WORDS), key=lambda i: -len(words[i])
    )
    padded = {i: f" {' '.join(words[i])} " for i in longest_first}
    kept: list[int] = []
    for i in longest_first:  # the longest first, so each is checked against the longer ones kept
        size = len(words[i])
        if any(size >= REPEAT_MIN_SHARE * len(words[k]) and padded[i] in padded[k] for k in kept):
            kinds[i] = "boilerplate"
        else:
            kept.append(i)


COMMENT_FURNITURE = re.compile(
    r"^\W*(reply|replies|report( abuse| comment)?|like( \(\d+\))?|flag|upvote|downvote"
    r"|sort by\b.{0,20}|newest|oldest|most liked|load more( comments)?|show( more)? replies"
    r"|\d+ (replies|likes))\W*$"
    r"|\b\d+\s*(s|m|min|mins|h|hr|hrs|hours?|d|days?|w|wk|weeks?|mo|months?|y|years?)\s+ago\W*$",
    re.IGNORECASE,
)
"""What a comment section puts between readers' comments: reply and report buttons, counts of
likes, sort orders, a commenter's time stamp ("Jo123 · 2h ago")."""
COMMENT_WINDOW = 5
"""Lines looked at under a comment section's heading for two of its buttons or stamps."""


def _mark_comment_sections(
    sentences: list[SplitSentence], kinds: list[Kind], reasons: list[str | None]
) -> None:
    """Readers' comments under the story, copied with the page: from a comment section's
    heading ("12 Comments", "Join the conversation") to the end, when the line under it is no
    claim and two of the lines under it are the section's buttons or time stamps. A comment
    count in a share bar above the story has the story under it, and the story stays."""
    for i, reason in enumerate(reasons):
        if reason != "comments" or (i + 1 < len(kinds) and kinds[i + 1] == "claim"):
            continue
        window = sentences[i + 1 : i + 1 + COMMENT_WINDOW]
        if sum(COMMENT_FURNITURE.search(s.text) is not None for s in window) >= 2:
            for j in range(i, len(sentences)):
                kinds[j] = "boilerplate"
            return


def _mark_legal_sections(sentences: list[SplitSentence], kinds: list[Kind]) -> None:
    """A legal section's heading and every sentence under it, up to the next heading."""
    inside = False
    for i, sentence in enumerate(sentences):
        if kinds[i] == "heading":
            inside = LEGAL_SECTION.match(sentence.text) is not None
        if inside:
            kinds[i] = "boilerplate"


_AUTHOR_NAME = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}")
_AUTHOR_BEAT = re.compile(
    r"(?:[A-Z][\w'’.-]+ )?(reports on|covers|writes about|writes on|focuses on|has reported on"
    r"|has covered|has written about)\b"
)


def _mark_author_boxes(
    sentences: list[SplitSentence], kinds: list[Kind], lines: list[list[int]]
) -> None:
    """An author box under the story: a name on its own line (the outlet's name may follow it),
    then a line about that person's beat that opens with the name ("Dana Okafor" then "Dana
    reports on transport across the region."). The line is the author's, to its end."""
    for n, members in enumerate(lines):
        first = sentences[members[0]].text
        for back in (1, 2):
            above = lines[n - back] if n >= back else None
            if above is None or len(above) != 1 or kinds[above[0]] == "claim":
                break  # the box is a run of short lines without a claim among them
            name = sentences[above[0]].text.strip()
            if not _AUTHOR_NAME.fullmatch(name):
                continue
            opener = next((w for w in (name, name.split()[0]) if first.startswith(w + " ")), None)
            if opener is not None and _AUTHOR_BEAT.match(first[len(opener) + 1 :]):
                for i in members:
                    kinds[i] = "boilerplate"
                break


def _mark_highlight_runs(
    sentences: list[SplitSentence], kinds: list[Kind], lines: list[list[int]]
) -> None:
    """Lines without a full stop right under a results highlight that give a figure too are
    highlights of the same list ("Gross margin of 41.2%, up 2.3 points"): a list keeps one
    style, and a headline sits above the highlights, not among them."""
    in_run = False
    for members in lines:
        if len(members) != 1:
            in_run = False
            continue
        i = members[0]
        sentence = sentences[i]
        if kinds[i] == "claim" and sentence.alone and not SENTENCE_END.search(sentence.text):
            in_run = in_run or _tabulates(sentence.text)
        elif in_run and kinds[i] == "heading" and sentence.block == "paragraph":
            if _FIGURE.search(sentence.text):
                kinds[i] = "claim"
            else:
                in_run = False
        elif kinds[i] != "boilerplate":
            in_run = False


def _kicker(text: str) -> bool:
    words = text.split()
    return (
        len(words) <= KICKER_WORDS
        and not any(c.isdigit() for c in text)
        and not any(w[:1].isupper() for w in words[1:])
    )


def _mark_related_lists(
    sentences: list[SplitSentence], kinds: list[Kind], lines: list[list[int]]
) -> None:
    """Lines under a "Related" / "More reading" heading are other headlines, until the story
    resumes: a line of several sentences, a long one, or a sentence with its full stop after
    headlines without one (a list keeps one style)."""
    inside = False
    bare_item = False  # the last headline of the list had no full stop
    for members in lines:
        text = " ".join(sentences[i].text for i in members)
        if len(members) == 1 and RELATED_LIST.match(text.translate(_APOSTROPHES)):
            inside, bare_item = True, False
            kinds[members[0]] = "boilerplate"
            continue
        if not inside:
            continue
        stopped = SENTENCE_END.search(text.rstrip()) is not None
        if len(members) > 1 or len(text.split()) > RELATED_ITEM_WORDS or (stopped and bare_item):
            inside = False
            continue
        bare_item = not stopped
        kinds[members[0]] = "boilerplate"
