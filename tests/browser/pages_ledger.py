"""Issue 14's new pages (the ledger that closes the loop), by the username that reaches them by
clicking: "Add" beside "We did" on a ledger entry, "Comment" beside a prompt's answer."""

from django.urls import reverse


def ledger_pages(case, activity, prompt_key: str) -> dict[str, list[str]]:
    return {
        "ceri": [reverse("procurement:activity_complete", args=[case.pk, activity.pk])],
        "dafydd": [reverse("procurement:prompt_comment", args=[case.pk, prompt_key])],
    }
