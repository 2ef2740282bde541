"""The demo council's register entries (`make run`), written and published through the services
as a commissioner would: RotaCare Planner and AttendanceInsight in use, ClaimCheck retired."""

from __future__ import annotations

from core.models import Organisation, User
from registers import services
from registers.models import RegisterEntry

ENTRIES = {
    "RotaCare Planner": {
        "description_en": "Plans the week's home-care visits and suggests which care worker "
        "takes each visit. A co-ordinator checks and can change every rota before it is sent.",
        "description_cy": "Mae'n cynllunio ymweliadau gofal cartref yr wythnos ac yn awgrymu "
        "pa weithiwr gofal sy'n gwneud pob ymweliad. Mae cydlynydd yn gwirio pob rota ac yn "
        "gallu ei newid cyn ei hanfon.",
        "purpose_en": "To share visits fairly, cut travel time between visits and keep "
        "continuity of care for the people we support.",
        "purpose_cy": "Rhannu ymweliadau'n deg, lleihau'r amser teithio rhwng ymweliadau a "
        "chadw parhad gofal i'r bobl rydym yn eu cefnogi.",
        "data_types_en": "Contracted hours, stated availability, skills and training records, "
        "home postcode area, travel times, visit history.",
        "data_types_cy": "Oriau dan gontract, argaeledd a nodwyd, sgiliau a chofnodion "
        "hyfforddi, ardal cod post y cartref, amseroedd teithio, hanes ymweliadau.",
    },
    "AttendanceInsight": {
        "description_en": "Flags when an employee's sickness absence reaches a trigger in the "
        "attendance policy. A manager decides what, if anything, happens next.",
        "description_cy": "Mae'n tynnu sylw pan fydd absenoldeb salwch cyflogai yn cyrraedd "
        "sbardun yn y polisi presenoldeb. Rheolwr sy'n penderfynu beth, os unrhyw beth, sy'n "
        "digwydd nesaf.",
        "purpose_en": "To apply the attendance policy consistently and offer support early.",
        "purpose_cy": "Defnyddio'r polisi presenoldeb yn gyson a chynnig cymorth yn gynnar.",
        "data_types_en": "Dates and length of absences, reasons recorded by the employee, "
        "working pattern, adjustments agreed.",
        "data_types_cy": "Dyddiadau a hyd absenoldebau, rhesymau a gofnodwyd gan y cyflogai, "
        "patrwm gwaith, addasiadau a gytunwyd.",
    },
    "ClaimCheck": {
        "description_en": "Compared mileage claims with mapped routes and flagged claims for an "
        "auditor to look at.",
        "description_cy": "Roedd yn cymharu hawliadau milltiroedd â llwybrau ar fap ac yn tynnu "
        "sylw archwilydd at hawliadau.",
        "purpose_en": "To find mistakes in mileage claims.",
        "purpose_cy": "Canfod camgymeriadau mewn hawliadau milltiroedd.",
        "data_types_en": "Mileage claims, journey start and end points, mapped distances.",
        "data_types_cy": "Hawliadau milltiroedd, mannau cychwyn a gorffen teithiau, pellteroedd "
        "ar fap.",
    },
}


def load_register_demo(organisation: Organisation, commissioner: User) -> None:
    entries = RegisterEntry.objects.filter(
        system__organisation=organisation, system__name__in=ENTRIES
    ).select_related("system")
    for entry in entries:
        text = ENTRIES[entry.system.name]
        services.register_entry_save(actor=commissioner, system=entry.system, name_cy="", **text)
        if entry.system.end_of_use:
            services.register_entry_retire(
                actor=commissioner,
                entry=entry,
                change_note_en="Replaced by a manual check by Internal Audit.",
                change_note_cy="Daeth gwiriad â llaw gan yr Archwilio Mewnol yn ei le.",
            )
        else:
            services.register_entry_publish(actor=commissioner, entry=entry)
