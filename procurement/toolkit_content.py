"""The toolkit's engagement approaches and prompts for discussion, word for word from
*Worker voice in public sector procurement of digital and AI systems in Wales* (Connected by
Data with TUC Cymru), with Llais's Welsh translation. docs/legal-rules.md §3 maps the toolkit's
stages to Llais's gates.

Loaded by migration 0002_load_toolkit_content. Change this text only together with a new data
migration that reloads it, so the database and this file never disagree.
"""

CARRY_FORWARD_EN = "What have we agreed at the previous stage? What has changed?"
CARRY_FORWARD_CY = "Beth ydym wedi'i gytuno yn y cam blaenorol? Beth sydd wedi newid?"

# (stage, key, English, Welsh)
APPROACHES = [
    (
        "planning",
        "worker-survey",
        "Surveys of workers to identify pain points",
        "Arolygon o weithwyr i nodi'r problemau sy'n eu hwynebu",
    ),
    (
        "planning",
        "protected-characteristics-workshop",
        "Workshops with workers with protected characteristics to identify risks",
        "Gweithdai gyda gweithwyr sydd â nodweddion gwarchodedig i nodi risgiau",
    ),
    (
        "planning",
        "futures-forum",
        "'Futures' forums to reimagine how public services could operate with data and AI",
        "Fforymau 'dyfodol' i ailddychmygu sut y gallai gwasanaethau cyhoeddus weithredu gyda data "
        "a deallusrwydd artiffisial",
    ),
    (
        "tender_award",
        "market-engagement-participation",
        "Commissioner to ensure worker participation is built into during market engagement events",
        "Y comisiynydd i sicrhau bod cyfranogiad gweithwyr wedi'i ymgorffori mewn digwyddiadau "
        "ymgysylltu â'r farchnad",
    ),
    (
        "tender_award",
        "specification-co-design",
        "Engage workers and representatives in the setting of detailed specifications, tender "
        "questions and weightings.",
        "Ymgysylltu â gweithwyr a chynrychiolwyr wrth bennu manylebau manwl, cwestiynau tendro a "
        "phwysoliadau.",
    ),
    (
        "tender_award",
        "bid-assessment",
        "Include workers and representatives during bid assessment processes",
        "Cynnwys gweithwyr a chynrychiolwyr yn y prosesau asesu cynigion",
    ),
    (
        "development",
        "impact-assessment-co-development",
        "Co-development of impact assessments e.g Data Protection Impact Assessments or Good Work "
        "Algorithmic Impact Assessment",
        "Cyd-ddatblygu asesiadau effaith, e.e. Asesiadau Effaith ar Ddiogelu Data neu Asesiad "
        "Effaith Algorithmig Gwaith Da",
    ),
    (
        "development",
        "supplier-workshop-user-testing",
        "Supplier led workshops, demonstrations and user testing of functionality with workers",
        "Gweithdai, arddangosiadau a phrofion defnyddwyr o'r swyddogaethau gyda gweithwyr, dan "
        "arweiniad y cyflenwr",
    ),
    (
        "development",
        "consequence-mapping",
        "Testing the tools with consequence mapping exercises",
        "Profi'r offer gydag ymarferion mapio canlyniadau",
    ),
    (
        "deployment",
        "training-peer-learning",
        "Training and learning programmes and processes for peer learning",
        "Rhaglenni hyfforddi a dysgu a phrosesau ar gyfer dysgu gan gymheiriaid",
    ),
    (
        "deployment",
        "pilot-evaluation",
        "Piloting system and rapid evaluations of roll out",
        "Treialu'r system a gwerthuso'r cyflwyno yn gyflym",
    ),
    (
        "deployment",
        "feedback-complaints-process",
        "Feedback and complaints processes with clear investigation and response standards",
        "Prosesau adborth a chwynion gyda safonau clir ar gyfer ymchwilio ac ymateb",
    ),
    (
        "deployment",
        "worker-management-forum",
        "Standing worker-management forum to monitor system",
        "Fforwm sefydlog rhwng gweithwyr a rheolwyr i fonitro'r system",
    ),
    (
        "oversight",
        "governance-body",
        "Standing governance body including workers, unions, and other stakeholders",
        "Corff llywodraethu sefydlog sy'n cynnwys gweithwyr, undebau a rhanddeiliaid eraill",
    ),
]

# (stage, key, English, Welsh); the carry-forward prompt opens stages 2-5.
PROMPTS = [
    (
        "planning",
        "priority-challenges",
        "What are our priority challenges? How can digital and AI help?",
        "Beth yw ein heriau blaenoriaeth? Sut y gall technoleg ddigidol a deallusrwydd artiffisial "
        "helpu?",
    ),
    (
        "planning",
        "specific-risks",
        "What specific risks and challenges arise from digital and AI in our context? How can "
        "these be addressed?",
        "Pa risgiau a heriau penodol sy'n codi o dechnoleg ddigidol a deallusrwydd artiffisial yn "
        "ein cyd-destun ni? Sut y gellir mynd i'r afael â nhw?",
    ),
    (
        "planning",
        "proportional-approach",
        "Given the risks, what is a proportional approach for engaging worker voice?",
        "O ystyried y risgiau, beth yw dull cymesur o ymgysylltu â llais y gweithwyr?",
    ),
    (
        "planning",
        "fair-work-features",
        "What features should digital and AI systems have to support fair work and wellbeing "
        "goals?",
        "Pa nodweddion y dylai systemau digidol a deallusrwydd artiffisial eu cael i gefnogi nodau "
        "gwaith teg a llesiant?",
    ),
    ("tender_award", "tender-award-carry-forward", CARRY_FORWARD_EN, CARRY_FORWARD_CY),
    (
        "tender_award",
        "data-protection-management",
        "How will data protection, access and ownership, reporting and evaluation be managed?",
        "Sut y bydd diogelu data, mynediad a pherchnogaeth, adrodd a gwerthuso yn cael eu rheoli?",
    ),
    (
        "tender_award",
        "interoperability",
        "Is there a need for interoperability with existing systems?",
        "A oes angen rhyngweithredu â systemau presennol?",
    ),
    (
        "tender_award",
        "supplier-engagement-evidence",
        "How can potential suppliers demonstrate facilitation of worker and service user "
        "engagement in system development?",
        "Sut y gall cyflenwyr posibl ddangos eu bod yn hwyluso ymgysylltiad gweithwyr a "
        "defnyddwyr gwasanaethau wrth ddatblygu'r system?",
    ),
    (
        "tender_award",
        "workforce-development",
        "How can potential suppliers demonstrate approaches to workforce development to operate "
        "the system? Will this support in-house digital capabilities?",
        "Sut y gall cyflenwyr posibl ddangos dulliau o ddatblygu'r gweithlu i weithredu'r system? "
        "A fydd hyn yn cefnogi galluoedd digidol mewnol?",
    ),
    ("development", "development-carry-forward", CARRY_FORWARD_EN, CARRY_FORWARD_CY),
    (
        "development",
        "performance-management-impact",
        "How will the system impact worker performance management metrics and evaluation? How "
        "will HR or line management practices be impacted?",
        "Sut y bydd y system yn effeithio ar fetrigau rheoli perfformiad a gwerthuso gweithwyr? "
        "Sut yr effeithir ar arferion AD neu reolwyr llinell?",
    ),
    (
        "development",
        "functionality-change",
        "How will the system's functionality be changed? How will the process be managed to "
        "account for impact on workers?",
        "Sut y bydd swyddogaethau'r system yn cael eu newid? Sut y caiff y broses ei rheoli i "
        "ystyried yr effaith ar weithwyr?",
    ),
    (
        "development",
        "training-needs",
        "What kind of training and skills development will workers need to use the system?",
        "Pa fath o hyfforddiant a datblygu sgiliau y bydd eu hangen ar weithwyr i ddefnyddio'r "
        "system?",
    ),
    (
        "development",
        "other-changes",
        "What else needs to change when the system is introduced?",
        "Beth arall sydd angen newid pan gyflwynir y system?",
    ),
    (
        "development",
        "impact-monitoring",
        "How should we monitor the impacts of its introduction?",
        "Sut y dylem fonitro effeithiau ei chyflwyno?",
    ),
    (
        "development",
        "wpc-guidance",
        "How has the system accounted for the Workforce Partnership Council guidance on "
        "algorithmic management?",
        "Sut mae'r system wedi ystyried canllawiau Cyngor Partneriaeth y Gweithlu ar reoli "
        "algorithmig?",
    ),
    ("deployment", "deployment-carry-forward", CARRY_FORWARD_EN, CARRY_FORWARD_CY),
    (
        "deployment",
        "working-effectively",
        "Is the system working effectively? What bugs and errors have workers identified?",
        "A yw'r system yn gweithio'n effeithiol? Pa wallau a phroblemau y mae gweithwyr wedi'u "
        "nodi?",
    ),
    (
        "deployment",
        "skills-relationships-satisfaction",
        "How is the system affecting worker skills, relationships, and job satisfaction?",
        "Sut mae'r system yn effeithio ar sgiliau, perthnasoedd a boddhad swydd gweithwyr?",
    ),
    (
        "deployment",
        "differential-experience",
        "Are different workers (particularly those with protected characteristics) having "
        "different experiences with the system?",
        "A yw gweithwyr gwahanol (yn enwedig y rhai sydd â nodweddion gwarchodedig) yn cael "
        "profiadau gwahanol o'r system?",
    ),
    (
        "deployment",
        "policy-process-changes",
        "Are further changes needed to policies and processes as a consequence of the system?",
        "A oes angen newidiadau pellach i bolisïau a phrosesau o ganlyniad i'r system?",
    ),
    (
        "deployment",
        "contract-structure",
        "How does the contract need to be structured to support these needs?",
        "Sut y mae angen strwythuro'r contract i gefnogi'r anghenion hyn?",
    ),
    ("oversight", "oversight-carry-forward", CARRY_FORWARD_EN, CARRY_FORWARD_CY),
    (
        "oversight",
        "learning-across-procurements",
        "What are we learning about effective worker engagement from multiple procurement "
        "processes?",
        "Beth ydym yn ei ddysgu am ymgysylltu effeithiol â gweithwyr o sawl proses gaffael?",
    ),
    (
        "oversight",
        "proportional-approaches",
        "Can we clarify effective and proportional approaches weighed against risk and impact?",
        "A allwn egluro dulliau effeithiol a chymesur wedi'u pwyso yn erbyn risg ac effaith?",
    ),
    (
        "oversight",
        "driving-up-standards",
        "How can we drive up standards for worker voice in procurement?",
        "Sut y gallwn godi safonau ar gyfer llais gweithwyr mewn caffael?",
    ),
    (
        "oversight",
        "worker-training-support",
        "What training and support do workers need to be effectively involved in the procurement "
        "of digital and AI systems?",
        "Pa hyfforddiant a chymorth sydd eu hangen ar weithwyr i gymryd rhan effeithiol yn y "
        "gwaith o gaffael systemau digidol a deallusrwydd artiffisial?",
    ),
    (
        "oversight",
        "learning-from-other-bodies",
        "What can we learn from other public sector bodies?",
        "Beth allwn ni ei ddysgu gan gyrff eraill yn y sector cyhoeddus?",
    ),
    (
        "oversight",
        "wider-engagement",
        "Who else can we engage with to learn more including academics, peer practitioners, "
        "community and civil society groups?",
        "Gyda phwy arall y gallwn ymgysylltu i ddysgu mwy, gan gynnwys academyddion, ymarferwyr "
        "cymheiriaid, grwpiau cymunedol a chymdeithas sifil?",
    ),
]

# The toolkit's questions for suppliers at tender and award, offered as the default tender
# questions (issue 18): (key, English, Welsh). From its tender-stage prompts ("How can potential
# suppliers demonstrate ...?") and the matters it asks the specification to settle.
SUPPLIER_QUESTIONS = [
    (
        "supplier-engagement-evidence",
        "How will you facilitate the engagement of workers and service users in developing "
        "the system? Give examples from previous contracts.",
        "Sut y byddwch yn hwyluso ymgysylltiad gweithwyr a defnyddwyr gwasanaethau wrth "
        "ddatblygu'r system? Rhowch enghreifftiau o gontractau blaenorol.",
    ),
    (
        "workforce-development",
        "How will you support the development of the workforce to operate the system, and "
        "will this build in-house digital capabilities?",
        "Sut y byddwch yn cefnogi datblygu'r gweithlu i weithredu'r system, ac a fydd hyn yn "
        "meithrin galluoedd digidol mewnol?",
    ),
    (
        "data-protection-management",
        "How will data protection, access and ownership, reporting and evaluation be managed?",
        "Sut y bydd diogelu data, mynediad a pherchnogaeth, adrodd a gwerthuso yn cael eu rheoli?",
    ),
    (
        "interoperability",
        "How will the system work with our existing systems?",
        "Sut y bydd y system yn gweithio gyda'n systemau presennol?",
    ),
    (
        "welsh-language",
        "How will the system, and your support for it, work in Welsh?",
        "Sut y bydd y system, a'ch cymorth ar ei chyfer, yn gweithio yn Gymraeg?",
    ),
]
