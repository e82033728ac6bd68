"""Who physically received an award for a region: the rules of the awards component.

After "diterima (langsung) oleh", after "kepada" in a handing over, the subject of
"menerima", the one named after "usai menerima penghargaan,"; with "melalui", "mewakili"
or "diwakili oleh", the one who stood in; never the one accompanying, attending or proud.
A recipient is reported in the fullest form the article gives them.
"""

from __future__ import annotations

from spacy.tokens import Span

from extract.award_types import CueSentence, Winner
from extract.components.officials import SPANS_KEY as OFFICIALS_KEY
from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.officials import same_person

AFTER_RECEIVING_REACH = 6  # "Usai menerima penghargaan tersebut, Bupati X ..."
REPRESENT_GAP = 2
REPRESENT_REACH = 4


class RecipientRules:
    """Mixed into the awards component, whose vocabulary (``configure``) they read."""

    def _recipients(self, sent: CueSentence, officials: list[Span]) -> list[Span]:
        """Who received it: after "diterima (langsung) oleh", after "kepada" in a handing
        over, or the subject of "menerima"; named, or by title alone ("Wali kota terima
        penghargaan ...")."""
        at = sent.at
        handed_over = bool(at["GIVE"] or at["PASSIVE"])
        found: list[Span] = []
        for official in officials:
            if not sent.span.start <= official.start < sent.span.end:
                continue
            received = any(0 <= official.start - e <= 1 for e in at["RECEIVE"])
            given_to = handed_over and any(0 < official.start - b <= 1 for b in at["BENEFICIARY"])
            receives = any(0 <= v - official.end <= 1 for v in at["SUBJECT_RECEIVE"])
            after_receiving = any(
                0 < official.start - e <= AFTER_RECEIVING_REACH
                and "," in official.doc[e : official.start].text
                for e in at["RECEIVE_AFTER"]
            )
            if (
                received
                or given_to
                or receives
                or after_receiving
                or self._coordinated(official, found)
            ):
                official = self._accompanied(official, sent, officials)
                found.append(self._represented_by(official, sent, officials))
        if not found:
            cue_ends = at["RECEIVE"] + ([b + 1 for b in at["BENEFICIARY"]] if handed_over else [])
            found = self._untitled_recipients(sent.span, cue_ends)
        return found

    @staticmethod
    def _accompanied(official: Span, sent: CueSentence, officials: list[Span]) -> Span:
        """ "Wakil Gubernur X didampingi Sekda Y menerima ...": the one accompanied
        received it, not the one accompanying."""
        cue = next((c for c in sent.at["ACCOMPANY"] if 0 < official.start - c <= 2), None)
        if cue is None:
            return official
        return next((o for o in officials if 0 <= cue - o.end <= 1), official)

    @staticmethod
    def _represented_by(official: Span, sent: CueSentence, officials: list[Span]) -> Span:
        """ "diterima Gubernur X melalui Sekretaris Daerah Y", "Wali Kota, yang diwakili
        oleh Kepala Dinas Z": the one who stood in received it."""
        cue = next(
            (c for c in sent.at["REPRESENT"] if 0 <= c - official.end <= REPRESENT_GAP), None
        )
        if cue is None:
            return official
        return next((o for o in officials if 0 < o.start - cue <= REPRESENT_REACH), official)

    def _untitled_recipients(self, sent: Span, cue_ends: list[int]) -> list[Span]:
        """ "diterima langsung oleh Yohanes Lado": a person the rules cannot see, found by
        the trained NER, run on this sentence alone."""
        doc = sent.doc
        if self.people is None or not any(
            e < sent.end and doc[e].text[:1].isupper() for e in cue_ends
        ):
            return []
        tagged = self.people(sent.as_doc())
        found = []
        for ent in tagged.ents:
            start, end = sent.start + ent.start, sent.start + ent.end
            if ent.label_ == "PERSON" and start in cue_ends:
                person = Span(doc, start, end, label="PERSON")
                person._.person = person.text.replace("’", "'")
                person._.person_start = start
                found.append(person)
        return found

    @staticmethod
    def _titled(person: Span) -> Span:
        """The titled mention of the same person elsewhere in the article, if any."""
        for official in person.doc.spans.get(OFFICIALS_KEY, []):
            if official._.person and (
                same_person(person._.person, official._.person)
                or same_person(official._.person, person._.person)
            ):
                return official
        return person

    @staticmethod
    def _coordinated(official: Span, recipients: list[Span]) -> bool:
        """ "kepada Bupati Belu, X, dan Bupati Malaka, Y": the next of a list of recipients."""
        if not recipients:
            return False
        between = official.doc[recipients[-1].end : official.start]
        return len(between) <= 2 and all(t.lower_ in {",", "dan", "serta"} for t in between)

    def _attach_recipient(self, winners, recipient: Span, sent: CueSentence, year) -> None:
        code = recipient._.title_region
        same_region = [w for (c, _), w in winners.items() if c == code]
        if code is not None:
            target = next((w for w in same_region if w.year == year), None) or (
                same_region[0] if same_region else None
            )
            if target is None:
                region = next(
                    r
                    for r in recipient.doc.spans[REGIONS_KEY]
                    if recipient.start <= r.start < recipient.end
                )
                target = self._add(winners, region, sent.span, year, None)
        else:
            target = self._by_office(winners, recipient, year)
            if target is None:
                return
        if recipient._.title is None:
            recipient = self._titled(recipient)
        if target.recipient is None or (recipient._.person and not target.recipient._.person):
            target.recipient = recipient

    def _by_office(self, winners: dict, recipient: Span, year: int | None) -> Winner | None:
        """A recipient whose title names no region ("Wakil Gubernur Deinas Geley"): the
        only winner of that year whose level the office fits, else the only winner."""
        if len(winners) == 1:
            return next(iter(winners.values()))
        title = (recipient._.title or "").lower()
        levels = {
            kind
            for kind, words in self.office_levels.items()
            if any(title.startswith(w) or f" {w}" in title for w in words)
        }
        fitting = [
            w
            for (code, y), w in winners.items()
            if y == year and not w.past and self.regions[code].level in levels
        ]
        return fitting[0] if len(fitting) == 1 else None


def fullest(
    name: str | None, title: str | None, people: list[tuple[str, str]]
) -> tuple[str | None, str | None]:
    """The recipient as the article names them most fully: "Bupati Lucky" is "Lucky
    Hakim", and "Wakil Wali Kota Mataram" without a name is the one the article names
    elsewhere with that title."""
    for full_name, full_title in people:
        if name and (same_person(name, full_name) or same_person(full_name, name)):
            return full_name, full_title
        if not name and title and full_title.casefold() == title.casefold():
            return full_name, full_title
    return name, title
