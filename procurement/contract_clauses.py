"""The library of model contract clauses (issue 18, item 5), in English and Welsh.

Each clause says what it protects in the Bill (docs/legal-rules.md) and the shape of the
supplier's obligation: within N days of a worker's request, within N days of a change or an
event, every N months, or within N days of the employer's own request. The bounds on N are
written here with the reason for each, so a contract cannot promise the employer an answer later
than the employer's own clock allows. Due dates come from `obligation_due`, pure and tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import legal_time

# The employer answers a s.17 explanation or a s.18 reconsideration within 28 days of the
# request (R-EXPL-DUE, R-RECON-DUE). It needs the supplier's answer in time to read it, write an
# explanation that is readily understandable and personal to the worker (s.17(2)), have it
# checked and, for a Welsh body, give it in Welsh: at least 7 of the 28 days stay with it.
EMPLOYER_ANSWER_DAYS = 28
EMPLOYER_MARGIN_DAYS = 7
LONGEST_SUPPLIER_ANSWER_DAYS = EMPLOYER_ANSWER_DAYS - EMPLOYER_MARGIN_DAYS

# A change the register must show is published within 3 months of it (s.16(5), R-REG-CHANGE);
# the employer keeps at least a month of those 3 to assess the change and publish it.
LONGEST_CHANGE_NOTICE_DAYS = 60


class Shape:
    """The shapes an obligation takes; each names its unit and what starts its clock."""

    WITHIN_DAYS_OF_RIGHTS_REQUEST = "rights_request"
    WITHIN_DAYS_OF_CHANGE = "change"
    EVERY_MONTHS = "period"
    WITHIN_DAYS_OF_EMPLOYER_REQUEST = "on_request"


SHAPE_LABELS: dict[str, Promise] = {
    Shape.WITHIN_DAYS_OF_RIGHTS_REQUEST: _("within {n} days of a worker's request"),
    Shape.WITHIN_DAYS_OF_CHANGE: _("within {n} days of the change or event"),
    Shape.EVERY_MONTHS: _("every {n} months"),
    Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST: _("within {n} days of being asked"),
}


@dataclass(frozen=True)
class Clause:
    key: str
    title_en: str
    title_cy: str
    text_en: str
    text_cy: str
    protects: Promise  # what in the Bill (or the toolkit) it protects
    shape: str
    default: int
    least: int
    most: int
    why_most: Promise  # why N may not be larger
    rights_request_kind: str = ""  # "explanation" / "reconsideration": made on a covered system

    @property
    def title(self) -> str:
        return self.title_cy if (get_language() or "en").startswith("cy") else self.title_en

    @property
    def text(self) -> str:
        return self.text_cy if (get_language() or "en").startswith("cy") else self.text_en

    def wording(self, n: int) -> str:
        """The clause as it goes in the contract, with the chosen N, in the page's language."""
        return self.text.format(n=n)

    def shape_label(self, n: int) -> str:
        return str(SHAPE_LABELS[self.shape]).format(n=n)

    def check(self, n: int) -> str:
        """ "" when N is allowed, else the reason it is not (shown on the form)."""
        if n < self.least or n > self.most:
            return str(
                _("Enter a number from {least} to {most}: {why}").format(
                    least=self.least, most=self.most, why=self.why_most
                )
            )
        return ""


_RIGHTS_ANSWER_WHY = _(
    "the employer must answer the worker within 28 days and needs at least 7 of them to write "
    "the answer"
)

CLAUSES: tuple[Clause, ...] = (
    Clause(
        key="explanation_information",
        title_en="Information for a worker's explanation (s.17)",
        title_cy="Gwybodaeth ar gyfer esboniad i weithiwr (a.17)",
        text_en=(
            "When the Employer tells the Supplier of a written request for an explanation of a "
            "decision made using the System, the Supplier shall, within {n} days of the request, "
            "give the Employer in writing the information it needs to explain how the System "
            "contributed to that decision, in terms a worker can readily understand."
        ),
        text_cy=(
            "Pan fydd y Cyflogwr yn rhoi gwybod i'r Cyflenwr am gais ysgrifenedig am esboniad o "
            "benderfyniad a wnaed gan ddefnyddio'r System, rhaid i'r Cyflenwr, o fewn {n} diwrnod "
            "i'r cais, roi i'r Cyflogwr yn ysgrifenedig yr wybodaeth sydd ei hangen arno i egluro "
            "sut y cyfrannodd y System at y penderfyniad hwnnw, mewn termau y gall gweithiwr eu "
            "deall yn rhwydd."
        ),
        protects=_("The employer's 28 days to explain a decision (s.17(4))"),
        shape=Shape.WITHIN_DAYS_OF_RIGHTS_REQUEST,
        default=10,
        least=1,
        most=LONGEST_SUPPLIER_ANSWER_DAYS,
        why_most=_RIGHTS_ANSWER_WHY,
        rights_request_kind="explanation",
    ),
    Clause(
        key="reconsideration_support",
        title_en="Support for a reconsideration (s.18)",
        title_cy="Cymorth ar gyfer ailystyried (a.18)",
        text_en=(
            "When the Employer tells the Supplier of a request to reconsider a decision made "
            "using the System, the Supplier shall, within {n} days of the request, give the "
            "Employer the data, logs and reasoning behind the decision, so that a person can "
            "reconsider it and change it where it is wrong."
        ),
        text_cy=(
            "Pan fydd y Cyflogwr yn rhoi gwybod i'r Cyflenwr am gais i ailystyried penderfyniad a "
            "wnaed gan ddefnyddio'r System, rhaid i'r Cyflenwr, o fewn {n} diwrnod i'r cais, roi "
            "i'r Cyflogwr y data, y cofnodion a'r rhesymeg y tu ôl i'r penderfyniad, fel y gall "
            "person ei ailystyried a'i newid lle mae'n anghywir."
        ),
        protects=_("The employer's 28 days to reconsider a decision (s.18)"),
        shape=Shape.WITHIN_DAYS_OF_RIGHTS_REQUEST,
        default=10,
        least=1,
        most=LONGEST_SUPPLIER_ANSWER_DAYS,
        why_most=_RIGHTS_ANSWER_WHY,
        rights_request_kind="reconsideration",
    ),
    Clause(
        key="waira_facts",
        title_en="Facts for the Workplace AI Risk Assessment (s.14(3))",
        title_cy="Ffeithiau ar gyfer yr Asesiad Risg AI yn y Gweithle (a.14(3))",
        text_en=(
            "Within {n} days of being asked, the Supplier shall give the Employer the facts about "
            "the System that a Workplace AI Risk Assessment must contain, including its purpose, "
            "how it works, the data it uses, its accuracy and its known risks."
        ),
        text_cy=(
            "O fewn {n} diwrnod i gael cais, rhaid i'r Cyflenwr roi i'r Cyflogwr y ffeithiau am "
            "y System y mae'n rhaid i Asesiad Risg AI yn y Gweithle eu cynnwys, gan gynnwys ei "
            "diben, sut mae'n gweithio, y data y mae'n eu defnyddio, pa mor gywir ydyw a'i "
            "risgiau hysbys."
        ),
        protects=_("The contents of a WAIRA (s.14(3))"),
        shape=Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST,
        default=20,
        least=1,
        most=60,
        why_most=_("a WAIRA must be finished before the system is used, and workers consulted"),
    ),
    Clause(
        key="register_change",
        title_en="Telling the employer of a change (s.16(5))",
        title_cy="Rhoi gwybod i'r cyflogwr am newid (a.16(5))",
        text_en=(
            "The Supplier shall tell the Employer in writing of any change to the System that "
            "the Employer's register of AI systems must show, within {n} days of the change."
        ),
        text_cy=(
            "Rhaid i'r Cyflenwr roi gwybod i'r Cyflogwr yn ysgrifenedig am unrhyw newid i'r "
            "System y mae'n rhaid i gofrestr systemau AI y Cyflogwr ei ddangos, o fewn {n} "
            "diwrnod i'r newid."
        ),
        protects=_("The register shows a change within 3 months (s.16(5))"),
        shape=Shape.WITHIN_DAYS_OF_CHANGE,
        default=14,
        least=1,
        most=LONGEST_CHANGE_NOTICE_DAYS,
        why_most=_("the register must show the change within 3 months of it"),
    ),
    Clause(
        key="union_data_access",
        title_en="Union access to data about workers",
        title_cy="Mynediad yr undeb at ddata am weithwyr",
        text_en=(
            "Within {n} days of being asked, the Supplier shall give the recognised trade union, "
            "through the Employer, the data the System holds or produces about workers, in a "
            "form they can use, subject to data protection law."
        ),
        text_cy=(
            "O fewn {n} diwrnod i gael cais, rhaid i'r Cyflenwr roi i'r undeb llafur "
            "cydnabyddedig, drwy'r Cyflogwr, y data y mae'r System yn eu cadw neu'n eu "
            "cynhyrchu am weithwyr, mewn ffurf y gallant ei defnyddio, yn amodol ar "
            "gyfraith diogelu data."
        ),
        protects=_("Collective access to data about workers (the toolkit)"),
        shape=Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST,
        default=14,
        least=1,
        most=30,
        why_most=_("a month matches the time allowed for a subject access request"),
    ),
    Clause(
        key="worker_involvement",
        title_en="Workers involved in development",
        title_cy="Gweithwyr yn cymryd rhan yn y datblygu",
        text_en=(
            "Every {n} months the Supplier shall report to the Employer and the recognised trade "
            "union how workers and service users were involved in developing the System, and "
            "how it supported the development of the workforce."
        ),
        text_cy=(
            "Bob {n} mis rhaid i'r Cyflenwr adrodd i'r Cyflogwr ac i'r undeb llafur cydnabyddedig "
            "sut y cymerodd gweithwyr a defnyddwyr gwasanaethau ran yn y gwaith o ddatblygu'r "
            "System, a sut y cefnogodd ddatblygiad y gweithlu."
        ),
        protects=_("Worker voice in development (the toolkit)"),
        shape=Shape.EVERY_MONTHS,
        default=6,
        least=1,
        most=12,
        why_most=_(
            "the WAIRA and the consultation are repeated every 12 months (s.14(4), s.15(4))"
        ),
    ),
    Clause(
        key="welsh_language",
        title_en="Welsh language",
        title_cy="Y Gymraeg",
        text_en=(
            "The System shall work in Welsh as well as in English. Within {n} days of being "
            "asked, the Supplier shall give in Welsh any text, notice or explanation the Employer "
            "must give in Welsh."
        ),
        text_cy=(
            "Rhaid i'r System weithio yn Gymraeg yn ogystal ag yn Saesneg. O fewn {n} diwrnod i "
            "gael cais, rhaid i'r Cyflenwr roi yn Gymraeg unrhyw destun, hysbysiad neu esboniad y "
            "mae'n rhaid i'r Cyflogwr ei roi yn Gymraeg."
        ),
        protects=_("Answers in Welsh (Welsh Language Standards)"),
        shape=Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST,
        default=7,
        least=1,
        most=LONGEST_SUPPLIER_ANSWER_DAYS,
        why_most=_RIGHTS_ANSWER_WHY,
    ),
    Clause(
        key="incident_reporting",
        title_en="Reporting incidents",
        title_cy="Adrodd am ddigwyddiadau",
        text_en=(
            "The Supplier shall report to the Employer in writing any incident in which the "
            "System caused or may have caused harm, or failed, within {n} days of becoming aware "
            "of it."
        ),
        text_cy=(
            "Rhaid i'r Cyflenwr adrodd i'r Cyflogwr yn ysgrifenedig am unrhyw ddigwyddiad pan "
            "achosodd y System niwed, neu pan allai fod wedi achosi niwed, neu pan fethodd, o "
            "fewn {n} diwrnod i ddod yn ymwybodol ohono."
        ),
        protects=_("Incidents of harm in the next WAIRA (s.14(5)(c))"),
        shape=Shape.WITHIN_DAYS_OF_CHANGE,
        default=2,
        least=1,
        most=7,
        why_most=_("harm to workers must be stopped quickly; a week is the longest"),
    ),
    Clause(
        key="audit",
        title_en="Audit",
        title_cy="Archwilio",
        text_en=(
            "Within {n} days of being asked, the Supplier shall let the Employer, or an auditor "
            "it names, examine the System, its data and its records to check that it works as "
            "the contract says."
        ),
        text_cy=(
            "O fewn {n} diwrnod i gael cais, rhaid i'r Cyflenwr ganiatáu i'r Cyflogwr, neu "
            "archwilydd y mae'n ei enwi, archwilio'r System, ei data a'i chofnodion i wirio ei "
            "bod yn gweithio fel y dywed y contract."
        ),
        protects=_("Oversight of the system in use (the toolkit)"),
        shape=Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST,
        default=30,
        least=1,
        most=90,
        why_most=_("an audit later than a quarter is too late to act on"),
    ),
    Clause(
        key="exit",
        title_en="Exit",
        title_cy="Ymadael",
        text_en=(
            "Within {n} days of being asked at the end of the contract, the Supplier shall "
            "return the Employer's data in an open format, help move the service to another "
            "system, and then delete its copies."
        ),
        text_cy=(
            "O fewn {n} diwrnod i gael cais ar ddiwedd y contract, rhaid i'r Cyflenwr ddychwelyd "
            "data'r Cyflogwr mewn fformat agored, helpu i symud y gwasanaeth i system arall, ac "
            "yna dileu ei gopïau."
        ),
        protects=_("The end of use shown on the register (s.16(5))"),
        shape=Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST,
        default=30,
        least=1,
        most=90,
        why_most=_("the register must show the end of use within 3 months"),
    ),
)

CLAUSES_BY_KEY: dict[str, Clause] = {clause.key: clause for clause in CLAUSES}


def clause(key: str) -> Clause:
    return CLAUSES_BY_KEY[key]


def obligation_due(clause: Clause, n: int, start: date) -> date:
    """When the supplier's obligation falls due: N days after the request or change that
    started it, or N months after the start of the period."""
    if clause.shape == Shape.EVERY_MONTHS:
        return legal_time.add_months(start, n)
    return legal_time.add_days(start, n)
