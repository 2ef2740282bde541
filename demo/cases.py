"""The demo council's procurement cases, as data (built through the services by
`demo.case_builder`).

Every name, date offset and "you said, we did" here is illustrative: nothing in it describes a
real body or person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from demo.waira import DemoAssessment
from procurement.stages import Stage


@dataclass(frozen=True)
class Activity:
    approach: str  # EngagementApproach.key, from the stage the activity belongs to
    days_ago: int
    worker_groups: str
    worker_count: int
    issues_raised: str  # you said
    employer_response: str  # we did
    union_involvement: str = ""
    protected_characteristics: str = ""


@dataclass(frozen=True)
class System:
    name: str
    supplier: str
    value_chain: str
    categories: tuple[str, ...]  # DecisionCategory.key
    high_risk: bool
    linked_at: str  # the stage during which it is recorded and linked to the case
    planned_start: int  # days from today; negative is in the past
    first_use: int | None = None
    end_of_use: int | None = None
    # Systems in high-risk use were assessed and consulted on two months before first use, and
    # again (a further WAIRA, s.14(4)) this many days from today where given.
    assessment: DemoAssessment | None = None
    reassessed: int | None = None


@dataclass(frozen=True)
class NotApplicable:
    reason: str


@dataclass(frozen=True)
class CaseSpec:
    title: str
    summary: str
    stage: str  # where the case ends up
    engagement_plan: str
    risk_level: str
    risk_reasoning: str
    workers: str  # for the standard answers, e.g. "home-care workers"
    unions: str
    activities: dict[str, list[Activity]]
    answers: dict[str, str | NotApplicable] = field(default_factory=dict)
    changes: dict[str, str] = field(default_factory=dict)  # stage left -> what has changed
    dissent: dict[str, str] = field(default_factory=dict)  # stage left -> why
    system: System | None = None


# The standard agreed position on each prompt; a case's own `answers` take precedence.
STANDARD_ANSWERS = {
    "priority-challenges": "Reduce avoidable admin for {workers} so more time goes to the "
    "people the service is for.",
    "specific-risks": "Errors, bias and surveillance of {workers}; addressed by human review of "
    "every decision about a person and by testing with the workers most affected.",
    "proportional-approach": "Proportionate to the risk set for this case: a survey of all "
    "{workers}, workshops in paid time, worker places on the evaluation panel and a union "
    "sign-off ({unions}) at every gate.",
    "fair-work-features": "A person decides wherever an individual is affected; plain "
    "explanations in English and Welsh; {workers} can see and correct their own data; no use of "
    "its data for performance management without agreement with {unions}.",
    "data-protection-management": "The council stays data controller and the supplier a "
    "processor with UK hosting. A DPIA is co-written with {unions} before go-live; usage reports "
    "go to the worker-management forum quarterly; independent evaluation at 6 and 12 months.",
    "interoperability": "Yes: it must read from and write to the systems {workers} already "
    "use, through open interfaces, so nobody types the same data twice.",
    "supplier-engagement-evidence": "A tender question (10% of the quality score) asks for "
    "evidence of user testing with frontline workers and unions, scored by a panel that "
    "includes {workers} and a union representative.",
    "workforce-development": "Bidders price a train-the-trainer programme and a hand-over to "
    "the council's digital team, so rules can be changed in-house rather than by change request.",
    "performance-management-impact": "Data from the system is not used in individual "
    "performance reviews, capability or disciplinary processes; an HR policy addendum agreed "
    "with {unions} says so, and line managers are briefed.",
    "functionality-change": "Every change to rules or models is logged and reviewed by the "
    "worker-management forum before release, with a note of its effect on {workers}.",
    "training-needs": "A hands-on session in paid time for all {workers}, Welsh-medium sessions "
    "on request, a peer champion in each team, and guidance on challenging its output.",
    "other-changes": "Team procedures, the staff privacy notice and the route for reporting "
    "errors are updated before go-live.",
    "impact-monitoring": "A monthly report to the forum: override rates, complaints, workload, "
    "and outcomes by protected characteristic where numbers allow; a pulse survey of {workers} "
    "at 3 and 6 months.",
    "wpc-guidance": "Checked against the Workforce Partnership Council guidance on algorithmic "
    "management: transparency, meaningful human review, consultation before changes, and no "
    "automated decisions about discipline or dismissal.",
    "working-effectively": "Largely; the errors {workers} reported are logged with the supplier "
    "and reviewed monthly by the forum.",
    "skills-relationships-satisfaction": "{workers} report less admin and no change in "
    "relationships with managers; the pulse survey is watched for any fall in satisfaction.",
    "differential-experience": "Outcomes are reviewed by protected characteristic each quarter "
    "with the staff networks; no significant difference found since the fixes.",
    "policy-process-changes": "The relevant HR policy now names the system, what it may and "
    "may not be used for, and how to challenge it.",
    "contract-structure": "Service credits for failures that affect workers, a right to switch "
    "features off, and the forum's reports as a standing contract-management item.",
    "learning-across-procurements": "Engaging {workers} from planning onward cost little and "
    "found the risks that mattered; late engagement finds them after the money is spent.",
    "proportional-approaches": "High-risk systems need workshops with workers with protected "
    "characteristics and a standing forum; lower-risk systems can rely on surveys and testing.",
    "driving-up-standards": "Every new digital procurement now starts with a worker-voice plan "
    "and a union-agreed risk level; the Oversight Board reviews them twice a year.",
    "worker-training-support": "Paid release time, a short course on how AI systems work, and "
    "mentoring by reps who have been through a procurement.",
    "learning-from-other-bodies": "Shared this case with the Workforce Partnership Council and "
    "two other councils through the Welsh Local Government Association.",
    "wider-engagement": "Researchers at a Welsh university and the disability access forum "
    "will review the next procurement's engagement plan.",
}

PLANNING, TENDER, DEVELOPMENT = Stage.PLANNING, Stage.TENDER_AWARD, Stage.DEVELOPMENT
DEPLOYMENT, OVERSIGHT = Stage.DEPLOYMENT, Stage.OVERSIGHT

# Hand-laid-out narrative data: ruff format would put every argument on its own line.
# fmt: off
CASES = [
    CaseSpec(
        title="Contact-centre call analytics",
        summary="Speech analytics for the Cyswllt contact centre (90 advisers): transcribing "
        "calls in English and Welsh, drafting wrap-up notes, and flagging complaints and "
        "vulnerable callers. Advisers spend hours a week on notes, and the quality team hears "
        "fewer than 2% of calls.",
        stage=PLANNING,
        engagement_plan="All 90 advisers and team leaders, with UNISON. Most affected: Welsh-line "
        "advisers (transcription is weaker in Welsh), disabled advisers who use assistive "
        "technology, and part-time advisers with caring responsibilities. A survey first, then a "
        "workshop with the staff networks, then a futures forum before the specification.",
        risk_level="high",
        risk_reasoning="Call scoring could feed performance management and discipline of "
        "individual advisers, and speech recognition is less accurate for Welsh speakers and "
        "some accents and speech impairments.",
        workers="contact-centre advisers",
        unions="UNISON",
        activities={
            PLANNING: [
                Activity(
                    "worker-survey", 21, "Contact-centre advisers and team leaders, all shifts", 64,
                    "Wrap-up notes take two to three minutes a call and eat into breaks. "
                    "Advisers fear every call will be scored and used at one-to-ones. Welsh-line "
                    "advisers doubt transcription will cope with Welsh or mixed-language calls.",
                    "The tender will rule out automated scoring of individual advisers, and "
                    "Welsh transcription will be tested with Welsh-line advisers before award.",
                    union_involvement="The UNISON branch co-wrote the questions and promoted the "
                    "survey in its newsletter.",
                ),
            ],
        },
    ),
    CaseSpec(
        title="CV screening and shortlisting assistant",
        summary="A tool to help recruiting managers shortlist applications for high-volume posts "
        "(care workers, catering, cleaning and school support staff), which draw up to 300 "
        "applications each.",
        stage=TENDER,
        engagement_plan="Recruiting managers and HR officers who will use it; staff who apply "
        "internally; jobseekers through the apprenticeship cohort. Disabled, Black, Asian and "
        "minority ethnic, older and neurodivergent applicants are most at risk of unfair sifting. "
        "UNISON and GMB organise in the affected services.",
        risk_level="high",
        risk_reasoning="It contributes to recruitment decisions about jobseekers and internal "
        "candidates, and sifting tools can reproduce past bias (career breaks, non-UK "
        "qualifications, disability).",
        workers="recruiting managers and HR officers",
        unions="UNISON and GMB",
        activities={
            PLANNING: [
                Activity(
                    "protected-characteristics-workshop", 150,
                    "Members of the Disability, Black, Asian and Minority Ethnic, Neurodiversity "
                    "and Women's staff networks",
                    18,
                    "Career breaks for illness or caring must not count against applicants; "
                    "non-UK qualifications are often ranked down; applicants who need "
                    "adjustments must be able to ask for a human-only sift; Disability Confident "
                    "guaranteed interviews must never be filtered out.",
                    "The specification bans scoring on employment gaps, requires a person to "
                    "review every rejection for six months, offers a human-only sift on the "
                    "form, and routes guaranteed-interview applications around the tool.",
                    union_involvement="UNISON's equality officer co-facilitated; a GMB rep "
                    "spoke for catering and cleaning staff.",
                    protected_characteristics="Disability (including neurodivergence), race, "
                    "sex, age",
                ),
            ],
            TENDER: [
                Activity(
                    "market-engagement-participation", 20,
                    "HR recruitment officers and care workers who sit on interview panels", 5,
                    "Suppliers could not explain how their ranking works, and none had tested "
                    "on Welsh-medium CVs.",
                    "The tender now requires a plain explanation of each recommendation in "
                    "English and Welsh, and bias testing on Welsh-language applications.",
                    union_involvement="The GMB branch rep attended the supplier day.",
                ),
            ],
        },
        answers={
            "priority-challenges": "Time to hire for care posts is 11 weeks and managers spend "
            "days sifting; AI may speed up the sift if a person still decides.",
            "specific-risks": "Indirect discrimination in the sift; addressed by banning gap "
            "scoring, human review of rejections and a human-only route on request.",
        },
    ),
    CaseSpec(
        title="Document triage assistant for benefits processing",
        summary="An assistant that reads incoming evidence for Housing Benefit and Council Tax "
        "Reduction claims (payslips, tenancy agreements, letters), classifies it, matches it to "
        "the claim and routes it to a work queue. The team of 46 assessors has a six-week "
        "backlog.",
        stage=DEVELOPMENT,
        engagement_plan="All 46 benefits assessors and 6 team leaders, with UNISON. Most "
        "affected: part-time and home-based assessors, older assessors, and assessors with "
        "dyslexia who use screen readers. A survey, specification co-design with volunteers, "
        "then user testing during development.",
        risk_level="medium",
        risk_reasoning="It allocates work between queues and records throughput, but takes no "
        "decision about an assessor's pay, discipline or dismissal, and throughput data is "
        "excluded from performance management by agreement.",
        workers="benefits assessors",
        unions="UNISON",
        activities={
            PLANNING: [
                Activity(
                    "worker-survey", 240, "Benefits assessors and team leaders", 38,
                    "Scanning and indexing takes a third of the day; queue speeds may become "
                    "targets; errors in claimants' evidence could go unnoticed.",
                    "Throughput data will not be used for individual targets, and every item "
                    "the tool classifies stays visible to an assessor.",
                    union_involvement="The UNISON rep for Revenues and Benefits reviewed the "
                    "questions.",
                ),
            ],
            TENDER: [
                Activity(
                    "specification-co-design", 150, "Volunteer assessors and team leaders", 9,
                    "Show the confidence score; let assessors re-route an item in one click; "
                    "send low-confidence items to a person, not to a default queue.",
                    "All three are mandatory requirements, worth 15% of the quality score.",
                    union_involvement="The UNISON rep joined both co-design sessions.",
                ),
                Activity(
                    "bid-assessment", 110, "Two assessors on the evaluation panel", 2,
                    "One bidder's screens could not be used with a screen reader.",
                    "That bid failed the accessibility pass mark.",
                ),
            ],
            DEVELOPMENT: [
                Activity(
                    "supplier-workshop-user-testing", 14, "Benefits assessors from both teams", 12,
                    "The screen reader cannot read the confidence badge; Welsh-language letters "
                    "are classed as 'other'.",
                    "The supplier is fixing the badge's accessible label; assessors are building "
                    "a Welsh test set with the supplier before the next sprint.",
                    union_involvement="The UNISON rep observed the testing.",
                ),
            ],
        },
        answers={
            "priority-challenges": "A six-week backlog of claims evidence, which delays help to "
            "people on low incomes; classifying and routing documents could halve it.",
            "specific-risks": "Misrouted evidence and queue speeds turning into targets; "
            "addressed by visible confidence scores and a ban on individual throughput targets.",
            "interoperability": "Yes: it must file documents into the benefits system and the "
            "document management system without re-keying.",
        },
        changes={TENDER: "Contract awarded to Cambrian Data Services Ltd; planned start set."},
        system=System(
            name="DocSort Triage",
            supplier="Cambrian Data Services Ltd",
            value_chain="Developed by Cambrian Data Services Ltd (Cardiff) on a "
            "document-classification model licensed from a US AI provider; hosted by the "
            "supplier in a UK data centre; the council's Digital team maintains routing rules.",
            categories=("allocation-of-work",),
            high_risk=False,
            linked_at=TENDER,
            planned_start=75,
        ),
    ),
    CaseSpec(
        title="Home-care rostering assistant",
        summary="AI-assisted scheduling for 380 home-care workers in the in-house domiciliary "
        "care service: building daily rounds, matching carers to the people they support, and "
        "re-planning when someone is off sick.",
        stage=DEPLOYMENT,
        engagement_plan="All 380 home-care workers and 24 coordinators, with UNISON and GMB. "
        "Most affected: non-drivers on rural bus routes, disabled workers, part-time workers "
        "with caring responsibilities, older workers, and Welsh speakers matched to Welsh-"
        "speaking clients.",
        risk_level="high",
        risk_reasoning="It allocates work and so sets hours, travel and pay for low-paid workers; "
        "a bad rota harms workers and the people they care for.",
        workers="home-care workers",
        unions="UNISON and GMB",
        activities={
            PLANNING: [
                Activity(
                    "protected-characteristics-workshop", 420,
                    "Home-care workers from all four localities: part-time carers, disabled "
                    "workers, workers over 55 and non-drivers",
                    22,
                    "Travel time between visits must be paid and realistic on rural roads; rotas "
                    "must respect childcare and agreed availability; declining extra visits must "
                    "not count against anyone; continuity with the same clients matters.",
                    "Travel time is a hard constraint using real road and bus times; agreed "
                    "availability cannot be overridden; declined visits are not recorded "
                    "against workers; continuity is a weighted objective.",
                    union_involvement="UNISON and GMB reps co-facilitated, in paid time at two "
                    "venues.",
                    protected_characteristics="Disability, age, sex (caring responsibilities), "
                    "pregnancy and maternity",
                ),
            ],
            TENDER: [
                Activity(
                    "bid-assessment", 300, "Two home-care workers and a coordinator on the panel",
                    3,
                    "One bidder's demonstration left five minutes between visits twelve miles "
                    "apart on a real rural round.",
                    "That bid scored lowest on the worker-experience question; the contract adds "
                    "a service credit for rotas that break travel-time rules.",
                    union_involvement="The GMB rep observed the demonstrations.",
                ),
            ],
            DEVELOPMENT: [
                Activity(
                    "consequence-mapping", 180, "Home-care workers and coordinators", 16,
                    "Re-plans could send workers to clients they have never met; phones lose "
                    "signal in the valleys; sick-day re-plans could pile extra visits on those "
                    "who never refuse.",
                    "Re-plans need a coordinator's confirmation; an offline mode was added; a "
                    "fairness rule caps extra visits per worker per week, reported monthly.",
                    union_involvement="UNISON and GMB reps ran the mapping with the supplier.",
                ),
            ],
            DEPLOYMENT: [
                Activity(
                    "pilot-evaluation", 30, "Home-care workers in the North locality pilot", 64,
                    "Rotas are better overall, but travel time is still short on two rural "
                    "routes and the app logs workers out mid-shift.",
                    "Travel times corrected for both routes; roll-out beyond the pilot is paused "
                    "until the supplier fixes the log-out fault.",
                    union_involvement="UNISON collected members' feedback for the evaluation.",
                ),
            ],
        },
        answers={
            "priority-challenges": "Coordinators spend most of each day re-planning rotas by "
            "hand, and workers lose unpaid time between visits; better rounds help both.",
            "specific-risks": "Unrealistic travel, unfair allocation of extra visits and loss of "
            "continuity; addressed as hard constraints and fairness rules in the specification.",
            "interoperability": "Yes: visit needs come from WCCIS and hours go to payroll.",
        },
        changes={
            TENDER: "Contract awarded to Dyfodol Care Systems Ltd, with the travel-time service "
            "credit.",
        },
        system=System(
            name="RotaCare Planner",
            supplier="Dyfodol Care Systems Ltd",
            value_chain="Developed and supported by Dyfodol Care Systems Ltd; optimisation "
            "engine licensed from a scheduling vendor; travel times from a commercial mapping "
            "service; hosted on UK cloud infrastructure; integrated with WCCIS and payroll.",
            categories=("allocation-of-work", "pay"),
            high_risk=True,
            linked_at=TENDER,
            planned_start=-45,
            first_use=-40,
            assessment=DemoAssessment(
                purpose="Build fair daily rounds that leave time to care and to travel, and "
                "re-plan quickly when a colleague is off sick.",
                logic="An optimiser proposes rounds that meet each person's care plan, each "
                "worker's contract, skills and availability, and travel times; a coordinator "
                "approves or changes every round before it is sent.",
                data="Care-plan visit times and needs; workers' contracts, skills, availability "
                "and home base; travel times between visits; sickness notifications.",
                personal_data="Workers' availability, skills and home base decide which visits "
                "they are offered; no performance or sickness history is used to rank workers.",
                accuracy="Coordinators record every change they make to a proposed round; the "
                "forum reviews the change rate and late visits each month.",
                metric="The share of proposed rounds sent unchanged, and the share of visits "
                "more than 15 minutes late, by locality.",
                concern="Will the rota still give non-drivers enough time between visits on "
                "rural bus routes?",
                response="Yes: public-transport times are used for non-drivers, and a "
                "coordinator checks each rural round before it is sent.",
                aspect="Rounds planned with travel times for drivers would squeeze non-drivers.",
                outcome_detail="Public-transport times are now a hard constraint for "
                "non-drivers.",
            ),
        ),
    ),
    CaseSpec(
        title="Absence-management analytics",
        summary="Analytics in the HR system that find patterns of short-term sickness absence "
        "across the council's 5,200 staff, prompt line managers when an attendance review is "
        "due under the Managing Attendance policy, and report trends to directorates.",
        stage=OVERSIGHT,
        engagement_plan="All staff, through the Joint Trade Union Committee (UNISON, GMB, Unite). "
        "Most affected: disabled staff and staff with long-term conditions, pregnant staff, "
        "staff going through the menopause, and frontline manual workers.",
        risk_level="high",
        risk_reasoning="It contributes to attendance reviews that can lead to warnings and "
        "dismissal; disability- or pregnancy-related absence counted against someone would be "
        "discrimination.",
        workers="staff",
        unions="the Joint Trade Union Committee",
        activities={
            PLANNING: [
                Activity(
                    "protected-characteristics-workshop", 760,
                    "Disability Staff Network and Menopause Support Group members", 19,
                    "Disability- and pregnancy-related absence must never count towards "
                    "triggers; a prompt must not become an automatic warning; staff want to see "
                    "their own record.",
                    "Those absences are excluded at source by reason code; a prompt only "
                    "suggests a supportive conversation; staff see their own record in the "
                    "self-service portal.",
                    union_involvement="The Joint Trade Union Committee nominated two reps from "
                    "each union.",
                    protected_characteristics="Disability, sex (menopause), pregnancy and "
                    "maternity, age",
                ),
            ],
            TENDER: [
                Activity(
                    "specification-co-design", 640, "Union reps and staff network members", 9,
                    "Managers should not see a risk score per person; staff must be able to "
                    "correct reason codes.",
                    "Per-person risk scores are out of the specification; staff can ask for a "
                    "reason code to be corrected, answered within five working days.",
                    union_involvement="UNISON, GMB and Unite reps took part.",
                ),
            ],
            DEVELOPMENT: [
                Activity(
                    "impact-assessment-co-development", 520,
                    "Union reps and Disability Staff Network members", 6,
                    "The supplier's 'likelihood of future absence' feature would profile "
                    "disabled staff; the Bradford Factor view penalises frequent short absences.",
                    "The prediction feature is switched off by contract and the DPIA records it "
                    "cannot be enabled without fresh consultation; the Bradford Factor view is "
                    "kept for now and will be reviewed at six months.",
                    union_involvement="A UNISON rep co-wrote the DPIA.",
                    protected_characteristics="Disability",
                ),
            ],
            DEPLOYMENT: [
                Activity(
                    "training-peer-learning", 380,
                    "Line managers and union reps from every directorate", 140,
                    "Managers were unsure whether a prompt obliges them to hold a meeting.",
                    "Training says plainly that a prompt is a suggestion and the decision is "
                    "the manager's, with HR advice.",
                ),
                Activity(
                    "worker-management-forum", 330,
                    "Attendance Analytics Forum: union reps, network members and HR officers", 7,
                    "Prompts fire on the wrong dates for night-shift workers; the Bradford "
                    "Factor view is leading managers to start formal reviews early.",
                    "The supplier fixed the shift-pattern fault; the Bradford Factor view was "
                    "removed for managers (you said, we did).",
                    union_involvement="UNISON, GMB and Unite each hold a seat on the forum.",
                ),
            ],
            OVERSIGHT: [
                Activity(
                    "governance-body", 25,
                    "Digital and AI Oversight Board: worker, union and management members", 11,
                    "Annual review: attendance reviews are down 18% and no disability-related "
                    "absence has counted since the fix, but staff are unclear how to challenge "
                    "a prompt.",
                    "A plain-language explainer in English and Welsh is on the intranet and the "
                    "challenge route is now in the Managing Attendance policy.",
                    union_involvement="The Joint Trade Union Committee chairs alternate years.",
                ),
            ],
        },
        answers={
            "priority-challenges": "Inconsistent handling of attendance across directorates; "
            "analytics could prompt early, supportive conversations.",
            "specific-risks": "Discrimination against disabled and pregnant staff and prompts "
            "treated as warnings; addressed by reason-code exclusions and human decisions.",
            "interoperability": NotApplicable(
                "It is a module of the HR and payroll platform already in use: there is nothing "
                "to integrate."
            ),
            "working-effectively": "Yes, after the night-shift fault was fixed in month three.",
            "differential-experience": "Disabled staff reported fewer unwarranted reviews once "
            "the Bradford Factor view was removed; the forum keeps this under review.",
        },
        changes={
            DEVELOPMENT: "The prediction feature is off by contract. The unions' dissent on the "
            "Bradford Factor view stands on the record and returns to the forum at six months.",
        },
        dissent={
            DEVELOPMENT: "The Joint Trade Union Committee dissents: the Bradford Factor view "
            "still penalises frequent short absences, which are common among disabled staff. "
            "We asked for it to be removed before go-live.",
        },
        system=System(
            name="AttendanceInsight",
            supplier="Penrhyn HR Analytics Ltd",
            value_chain="A module of the council's HR and payroll platform, developed by "
            "Penrhyn HR Analytics Ltd and hosted by the platform provider in the UK; HR "
            "Operations configures trigger rules.",
            categories=("performance-management", "discipline", "dismissal"),
            high_risk=True,
            linked_at=TENDER,
            planned_start=-430,
            first_use=-420,
            assessment=DemoAssessment(
                purpose="Prompt line managers when an attendance review is due under the "
                "Managing Attendance policy, and report absence trends to directorates.",
                logic="Fixed trigger rules (number of spells and days in a rolling 12 months) "
                "raise a prompt; a manager decides whether a review meeting is held.",
                data="Sickness absence spells and reasons recorded in the HR system, contracted "
                "hours, team and directorate.",
                personal_data="A worker's own absence spells decide whether a prompt is raised; "
                "disability-related absence recorded as such is excluded from triggers.",
                accuracy="HR Operations samples 50 prompts a quarter to check they followed the "
                "policy and the recorded adjustments.",
                metric="The share of sampled prompts that should not have been raised.",
                concern="Will absence linked to my disability count towards a review?",
                response="No: absence recorded as disability-related is excluded from triggers, "
                "and your manager can record it with you.",
                aspect="The Bradford Factor view weights frequent short absences heavily.",
                outcome_detail="The view is hidden from line managers; the unions' dissent on "
                "it stays on the record.",
            ),
            reassessed=-60,
        ),
    ),
    CaseSpec(
        title="Mileage claims anomaly checker",
        summary="A tool that checked staff mileage claims against route data and flagged "
        "anomalies to Internal Audit, used for 1,100 staff who travel for work.",
        stage=Stage.CLOSED,
        engagement_plan="Staff who claim mileage, mostly social workers, occupational "
        "therapists and home-care workers, with UNISON. Most affected: rural workers with "
        "irregular routes, disabled workers with adapted routes, and staff on compressed hours.",
        risk_level="high",
        risk_reasoning="A flag can lead to an audit query and a disciplinary investigation; "
        "false flags fall hardest on rural and disabled staff.",
        workers="staff who claim mileage",
        unions="UNISON",
        activities={
            PLANNING: [
                Activity(
                    "protected-characteristics-workshop", 1100,
                    "Rural social workers and disabled staff who drive for work", 14,
                    "Legitimate detours (road closures, adapted routes, school runs between "
                    "visits) will look like anomalies.",
                    "Flags go to Internal Audit only, never to line managers, and a worker is "
                    "asked for context before any query is opened.",
                    union_involvement="UNISON's regional organiser attended.",
                    protected_characteristics="Disability, sex (caring responsibilities)",
                ),
            ],
            TENDER: [
                Activity(
                    "bid-assessment", 960,
                    "A social worker and an occupational therapist on the panel", 2,
                    "Bidders' route data ignored single-track roads and ferry crossings.",
                    "Route accuracy in rural Wales became a scored demonstration.",
                ),
            ],
            DEVELOPMENT: [
                Activity(
                    "supplier-workshop-user-testing", 860, "Staff who claim mileage", 11,
                    "The flag letter reads as an accusation.",
                    "The letter was rewritten with staff as a request for context.",
                    union_involvement="A UNISON rep reviewed the letter.",
                ),
            ],
            DEPLOYMENT: [
                Activity(
                    "feedback-complaints-process", 700, "Staff who received a flag", 37,
                    "Queries about routes driven months ago are stressful and hard to answer.",
                    "Claims older than 60 days are no longer flagged; a complaint is answered "
                    "within ten working days.",
                    union_involvement="UNISON supported members through the process.",
                ),
            ],
            OVERSIGHT: [
                Activity(
                    "governance-body", 90, "Digital and AI Oversight Board", 11,
                    "71% of flags were legitimate rural detours, and staff described real "
                    "distress from unfounded queries.",
                    "The Board recommended ending use. The council stopped the tool, wrote to "
                    "every worker wrongly queried, and returned to sample audits.",
                    union_involvement="UNISON presented members' accounts to the Board.",
                ),
            ],
        },
        answers={
            "priority-challenges": "Manual sample audits of mileage claims find little; a "
            "targeted check might protect public money with less intrusion.",
            "specific-risks": "False flags for rural and disabled staff; addressed by flags to "
            "Audit only and asking for context first.",
            "working-effectively": "No: most flags were false, and workers bore the cost.",
        },
        system=System(
            name="ClaimCheck",
            supplier="Severn Audit Technology Ltd",
            value_chain="Developed and hosted by Severn Audit Technology Ltd in the UK; route "
            "data from a commercial mapping service; used by Internal Audit.",
            categories=("discipline",),
            high_risk=True,
            linked_at=TENDER,
            planned_start=-760,
            first_use=-750,
            end_of_use=-60,
            assessment=DemoAssessment(
                purpose="Check mileage claims against route data and flag anomalies to "
                "Internal Audit.",
                logic="Each claimed journey is compared with the shortest route; claims more "
                "than 25% longer are flagged to an auditor, who asks the worker for context.",
                data="Mileage claims with start and end postcodes, dates and purposes; route "
                "distances from a mapping service.",
                personal_data="A worker's own claims decide whether a flag is raised; no other "
                "personal data is used.",
                accuracy="Internal Audit records the outcome of every flag.",
                metric="The share of flags found, after context, to be a real overclaim.",
                concern="Rural roads close often; will detours be treated as fraud?",
                response="No: a flag only asks for context, and auditors accept diversions "
                "noted on the claim.",
                aspect="Flags could reach line managers before the worker is asked.",
                outcome_detail="Flags go to Internal Audit only, and the worker is asked first.",
            ),
        ),
    ),
]
# fmt: on
