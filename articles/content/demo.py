"""Demo content for ``manage.py seed_demo``, written for this project.

Seth Coffelt's name, role and affiliation are public facts; the article under his name
is an original demonstration text, not his words. The other authors are fictional.
"""

DONATION_LINK = {
    "name": "General research appeal (site default)",
    "call_to_action": "Every gift helps scientists find new ways to stop breast cancer spreading.",
    "button_label": "Donate",
    "url": "https://breastcancernow.org/donate/",
    "campaign": "research-voices",
}

# A dated campaign for one topic: its articles show it instead of the default while it runs.
# The dates are relative to the day the demo is seeded.
TOPIC_CAMPAIGNS = [
    {
        "topic": "secondary-breast-cancer",
        "starts_days_ago": 7,
        "runs_days": 90,
        "link": {
            "name": "Secondary breast cancer appeal (demo, 90 days)",
            "call_to_action": "Fund scientists learning how to stop breast cancer returning elsewhere in the body.",
            "button_label": "Give to the appeal",
            "url": "https://breastcancernow.org/donate/?appeal=secondary",
            "campaign": "secondary-appeal",
        },
    },
]

TOPICS = [
    {
        "slug": "secondary-breast-cancer",
        "name": "Secondary breast cancer",
        "description": "Research into how breast cancer spreads to other parts of the body, and how to stop it.",
    },
    {
        "slug": "immunology",
        "name": "Immune system",
        "description": "How the body's defences interact with breast cancer, for better and for worse.",
    },
    {
        "slug": "living-with-breast-cancer",
        "name": "Living with breast cancer",
        "description": "Research that aims to make treatment kinder and life after diagnosis better.",
    },
]

AUTHORS = [
    {
        "slug": "seth-coffelt",
        "name": "Seth Coffelt",
        "honorific": "Dr",
        "role": "Group Leader",
        "affiliation": "University of Glasgow",
        "funder": "Funded by Breast Cancer Now",
        "website": "https://www.gla.ac.uk/",
        "bio": (
            "Seth leads a research group in Glasgow that studies the immune cells found in and "
            "around tumours. His team wants to understand why some of these cells end up "
            "**helping** breast cancer instead of fighting it, and how that could be reversed.\n\n"
            "*This profile is part of the Research Voices demonstration content.*"
        ),
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "honorific": "Dr",
        "role": "Postdoctoral Research Fellow",
        "affiliation": "Demonstration Institute for Cancer Research",
        "funder": "Funded by Breast Cancer Now",
        "bio": (
            "Priya studies why breast cancer cells can lie dormant for years before they grow "
            "again. Before research she trained as a pharmacist.\n\n"
            "*A fictional author for the demonstration site.*"
        ),
    },
    {
        "slug": "tom-hallett",
        "name": "Tom Hallett",
        "honorific": "Professor",
        "role": "Professor of Clinical Oncology",
        "affiliation": "Demonstration University Hospital",
        "bio": (
            "Tom treats people with breast cancer and runs clinical studies on the side effects "
            "of treatment.\n\n*A fictional author for the demonstration site.*"
        ),
    },
]

# Checks the demo's health information; each published demo article starts with one review by her.
REVIEWER = {
    "name": "Dr Helen Marsh",
    "role": "Consultant Clinical Oncologist",
    "qualification": "MBChB FRCR",
    "organisation": "An NHS breast cancer unit",
}
FIRST_REVIEW_NOTE = "Checked for accuracy before publication"

ARTICLES = [
    {
        "slug": "immune-cells-that-help-breast-cancer-spread",
        "title": "When the immune system helps breast cancer spread — and how we plan to stop it",
        "standfirst": (
            "Some of the cells meant to protect us can be recruited by a tumour to help it travel. "
            "Our lab is working out how that happens, so that it can be switched off."
        ),
        "authors": ["seth-coffelt"],
        "topics": ["secondary-breast-cancer", "immunology"],
        "featured": True,
        "days_ago": 3,
        "hero": {
            "alt": "Illustration of small immune cells clustering around a larger tumour cell",
            "caption": "Immune cells gather around a tumour. Not all of them are on our side.",
            "credit": "Research Voices illustration",
        },
        "body": """\
Most people picture the immune system as an army that hunts down anything that should not be
in the body. For much of the time that picture is right. But when we look closely at breast
tumours, we find that some immune cells have been persuaded to change sides.

## A tumour that asks for help

A growing tumour sends out chemical signals. Some of these signals reach the bone marrow,
where white blood cells called **neutrophils** are made. Neutrophils normally arrive quickly
at a wound or an infection and clear up bacteria. Under the influence of a tumour, they can
instead start behaving in ways that make it easier for cancer cells to survive away from
the breast.

In laboratory models we have seen a chain of events that looks something like this:

1. the tumour releases signals that reach other parts of the body;
2. a type of T cell, called a gamma delta T cell, responds by producing its own messages;
3. those messages cause neutrophils to multiply and to damp down the cells that would
   normally attack cancer;
4. cancer cells that escape into the blood find a friendlier welcome in the lungs or bones.

Each step is a possible point to intervene.

## Why this matters for secondary breast cancer

Secondary (metastatic) breast cancer is breast cancer that has spread to another part of
the body. It can be treated, sometimes for many years, but it cannot currently be cured.
Almost all deaths from breast cancer are caused by the disease spreading. If we can stop
the immune system from helping cancer cells settle in new places, we may be able to
prevent secondary breast cancer, or slow it down.

## What we are doing next

With funding from Breast Cancer Now, our team is:

- mapping which immune cells change their behaviour first, using samples donated by
  patients as well as laboratory models;
- testing existing medicines that block the messages passed between these cells, because a
  drug that is already approved for another condition can reach patients sooner;
- looking for markers in a blood test that could one day show which patients are most at
  risk of their cancer spreading.

> Science moves in small steps. Every one of them is paid for by people who decided that
> breast cancer research was worth their money.

We do not yet know which of these approaches will work in people. But understanding how a
tumour recruits its helpers gives us a chance to take those helpers away.
""",
    },
    {
        "slug": "why-breast-cancer-can-return-years-later",
        "title": "Why breast cancer can come back years later",
        "standfirst": (
            "A few cancer cells can hide in the body in a sleeping state. Learning what wakes "
            "them could help us keep them asleep for good."
        ),
        "authors": ["priya-raman"],
        "topics": ["secondary-breast-cancer"],
        "featured": False,
        "days_ago": 10,
        "body": """\
After successful treatment, many people are told there is no sign of cancer. For most, it
never returns. For some, it comes back — occasionally more than a decade later.

## Sleeping cells

Our work suggests that small numbers of cancer cells can leave the breast early and settle
quietly elsewhere. These **dormant** cells divide very slowly, if at all, which is one reason
treatments aimed at fast-growing cells may miss them.

## What wakes them up

We are studying the signals around dormant cells: inflammation, changes in the tissue as we
age, and messages from nearby cells. If we can identify the alarm clock, we may be able to
design treatments that stop it ringing.

This research is at an early stage and is not yet a reason to change anyone's care.
""",
    },
    {
        "slug": "making-treatment-side-effects-easier",
        "title": "Making treatment side effects easier to live with",
        "standfirst": (
            "Living well during and after treatment matters as much as the treatment itself. "
            "Our studies test simple ways to reduce fatigue and joint pain."
        ),
        "authors": ["tom-hallett", "priya-raman"],
        "topics": ["living-with-breast-cancer"],
        "featured": False,
        "days_ago": 21,
        "body": """\
Hormone therapies help prevent breast cancer from coming back, but some people stop taking
them because of side effects such as aching joints and tiredness.

## Listening to patients

We ask people taking these medicines which effects trouble them most, and design our studies
around their answers.

## What we are testing

- structured exercise programmes that can be done at home;
- changing the time of day a medicine is taken;
- better information, so that people know what to expect and when to ask for help.

If you have questions about your own treatment, please speak to your care team.
""",
    },
    {
        "slug": "coming-soon-blood-tests-for-spread",
        "title": "Could a blood test warn us that cancer is spreading?",
        "standfirst": "A draft in progress: not yet visible to readers.",
        "authors": ["seth-coffelt"],
        "topics": ["secondary-breast-cancer"],
        "featured": False,
        "draft": True,
        "body": "This draft shows how unpublished work stays hidden from readers until an editor publishes it.",
    },
]
