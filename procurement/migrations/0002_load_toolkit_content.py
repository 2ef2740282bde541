from django.db import migrations

from procurement.toolkit_content import APPROACHES, CARRY_FORWARD_EN, PROMPTS


def load(apps, schema_editor):
    EngagementApproach = apps.get_model("procurement", "EngagementApproach")
    DiscussionPrompt = apps.get_model("procurement", "DiscussionPrompt")
    for order, (stage, key, text_en, text_cy) in enumerate(APPROACHES):
        EngagementApproach.objects.update_or_create(
            key=key,
            defaults={"stage": stage, "text_en": text_en, "text_cy": text_cy, "order": order},
        )
    for order, (stage, key, text_en, text_cy) in enumerate(PROMPTS):
        DiscussionPrompt.objects.update_or_create(
            key=key,
            defaults={
                "stage": stage,
                "text_en": text_en,
                "text_cy": text_cy,
                "order": order,
                "is_carry_forward": text_en == CARRY_FORWARD_EN,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("procurement", "EngagementApproach").objects.filter(
        key__in=[key for _stage, key, _en, _cy in APPROACHES]
    ).delete()
    apps.get_model("procurement", "DiscussionPrompt").objects.filter(
        key__in=[key for _stage, key, _en, _cy in PROMPTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
