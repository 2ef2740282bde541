from django.db import migrations

# The decisions about workers an AI system may take or contribute to (issue 2, s.16(3)(c)).
CATEGORIES = [
    ("recruitment", "Recruitment", "Recriwtio"),
    ("pay", "Pay", "Cyflog"),
    ("discipline", "Discipline", "Disgyblu"),
    ("dismissal", "Dismissal", "Diswyddo"),
    ("allocation-of-work", "Allocation of work", "Dyrannu gwaith"),
    ("performance-management", "Performance management", "Rheoli perfformiad"),
    ("other", "Other", "Arall"),
]


def load(apps, schema_editor):
    DecisionCategory = apps.get_model("registers", "DecisionCategory")
    for order, (key, label_en, label_cy) in enumerate(CATEGORIES):
        DecisionCategory.objects.update_or_create(
            key=key, defaults={"label_en": label_en, "label_cy": label_cy, "order": order}
        )


def unload(apps, schema_editor):
    apps.get_model("registers", "DecisionCategory").objects.filter(
        key__in=[key for key, _en, _cy in CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
