"""How the team may reach a person, and a short record number for everyone: people enrolled before
numbers existed get one scrambled from their primary key (unique, since the scramble is a bijection)."""

from django.db import migrations, models

import onward.people.record_numbers

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # onward.people.record_numbers, frozen here as of this migration
SPACE = len(ALPHABET) ** 6


def _scrambled(pk: int) -> str:
    value, chars = (pk * 0x2F1B_4C6D + 0x1D3A_9E5) % SPACE, []
    for _ in range(6):
        value, digit = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def fill_record_numbers(apps, schema_editor):
    person_model = apps.get_model("people", "Person")
    people = list(person_model.objects.filter(record_number__isnull=True).only("pk"))
    for person in people:
        person.record_number = _scrambled(person.pk)
    person_model.objects.bulk_update(people, ["record_number"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="person", name="may_call", field=models.BooleanField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="person", name="may_text", field=models.BooleanField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="person", name="may_leave_message", field=models.BooleanField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="person",
            name="contact_note",
            field=models.CharField(blank=True, max_length=200, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="person", name="record_number", field=models.CharField(max_length=8, null=True)
        ),
        migrations.RunPython(fill_record_numbers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="record_number",
            field=models.CharField(default=onward.people.record_numbers.random_number, max_length=8, unique=True),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=~models.Q(may_leave_message=True) | models.Q(may_call=True),
                name="person_message_needs_calls",
            ),
        ),
    ]
