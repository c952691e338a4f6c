"""Demo content for ``manage.py seed_demo``, written for this project.

Seth Coffelt's name, role and affiliation are public facts; the article under his name
is an original demonstration text, not his words. The other authors, the reviewers and the
readers' comments are fictional. The sources are real publications (their DOIs, PubMed IDs
and addresses were checked); the sentences citing them are our summaries, not quotations.
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
    {
        "slug": "risk-and-prevention",
        "name": "Risk and prevention",
        "description": "What makes breast cancer more or less likely, and how research could help prevent it.",
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
    {
        "slug": "amara-okafor",
        "name": "Amara Okafor",
        "honorific": "Dr",
        "role": "Genetic Epidemiologist",
        "affiliation": "Demonstration Institute for Cancer Research",
        "funder": "Funded by Breast Cancer Now",
        "bio": (
            "Amara works out how the genes people inherit and the way they live combine into "
            "their chance of getting breast cancer. She wants to give people figures about risk "
            "that they can actually use.\n\n*A fictional author for the demonstration site.*"
        ),
    },
    {
        "slug": "catherine-doyle",
        "name": "Catherine Doyle",
        "honorific": "Dr",
        "role": "Senior Research Scientist",
        "affiliation": "Demonstration University",
        "funder": "Funded by Breast Cancer Now",
        "bio": (
            "Catherine's team raises breast cancer cells that have learned to ignore hormone "
            "therapy, and looks for the new weaknesses they pick up along the way.\n\n"
            "*A fictional author for the demonstration site.*"
        ),
    },
]

# Each author gets a generated portrait: their initials on a circle of this colour
# (dark enough for white letters to pass WCAG contrast).
PORTRAIT_COLOURS = ["#6b1d5c", "#1f4e79", "#2e5e3a", "#7a3b12", "#4b2a7b"]

# People who check the demo's health information. Each published demo article starts with one
# review, by the reviewers its entry names (the first reviewer when it names none).
REVIEWERS = [
    {
        "name": "Dr Helen Marsh",
        "role": "Consultant Clinical Oncologist",
        "qualification": "MBChB FRCR",
        "organisation": "An NHS breast cancer unit",
    },
    {
        "name": "Dr Sarah Lindqvist",
        "role": "Consultant Medical Oncologist",
        "qualification": "MBChB PhD FRCP",
        "organisation": "Demonstration NHS Foundation Trust",
    },
    {
        "name": "Joanne Price",
        "role": "Clinical Nurse Specialist, breast care",
        "qualification": "RN MSc",
        "organisation": "Demonstration NHS Foundation Trust",
    },
]
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
        "reviewers": ["Dr Helen Marsh", "Dr Sarah Lindqvist"],
        "references": [
            {
                "title": "IL-17-producing γδ T cells and neutrophils conspire to promote breast cancer metastasis",
                "authors": "Coffelt SB, Kersten K, Doornebal CW, et al.",
                "publisher": "Nature",
                "year": 2015,
                "doi": "10.1038/nature14282",
                "pmid": "25822788",
            },
            {
                "title": "Hallmarks of cancer: the next generation",
                "authors": "Hanahan D, Weinberg RA",
                "publisher": "Cell",
                "year": 2011,
                "doi": "10.1016/j.cell.2011.02.013",
            },
        ],
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
the breast [@2].

In laboratory models we have seen a chain of events that looks something like this:

1. the tumour releases signals that reach other parts of the body;
2. a type of T cell, called a gamma delta T cell, responds by producing its own messages;
3. those messages cause neutrophils to multiply and to damp down the cells that would
   normally attack cancer;
4. cancer cells that escape into the blood find a friendlier welcome in the lungs or bones.

We described this chain in mice with breast tumours [@1].

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
        "references": [
            {
                "title": "Models, mechanisms and clinical evidence for cancer dormancy",
                "authors": "Aguirre-Ghiso JA",
                "publisher": "Nature Reviews Cancer",
                "year": 2007,
                "doi": "10.1038/nrc2256",
                "pmid": "17957189",
            },
        ],
        "body": """\
After successful treatment, many people are told there is no sign of cancer. For most, it
never returns. For some, it comes back — occasionally more than a decade later.

## Sleeping cells

Our work suggests that small numbers of cancer cells can leave the breast early and settle
quietly elsewhere. These **dormant** cells divide very slowly, if at all, which is one reason
treatments aimed at fast-growing cells may miss them [@1].

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
        "reviewers": ["Joanne Price"],
        "references": [
            {
                "title": "Early and locally advanced breast cancer: diagnosis and management (NG101)",
                "publisher": "National Institute for Health and Care Excellence",
                "year": 2018,
                "url": "https://www.nice.org.uk/guidance/ng101",
            },
        ],
        "body": """\
Hormone therapies help prevent breast cancer from coming back [@1], but some people stop taking
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
        "slug": "exercise-after-a-breast-cancer-diagnosis",
        "title": "Exercise after a breast cancer diagnosis: what we know so far",
        "standfirst": (
            "Staying active during and after treatment seems to ease tiredness and lift mood. "
            "We are finding out which kinds of activity help most, and for whom."
        ),
        "authors": ["tom-hallett"],
        "topics": ["living-with-breast-cancer"],
        "featured": False,
        "days_ago": 35,
        "reviewers": ["Dr Sarah Lindqvist"],
        "references": [
            {
                "title": "Early and locally advanced breast cancer: diagnosis and management (NG101)",
                "publisher": "National Institute for Health and Care Excellence",
                "year": 2018,
                "url": "https://www.nice.org.uk/guidance/ng101",
            },
        ],
        "body": """\
Many people are surprised to learn that gentle exercise can help with the tiredness that
cancer treatment brings. Resting seems like the obvious thing to do. Yet long spells without
moving can leave you more tired, and your muscles weaker.

## What the studies show

In study after study, people who kept active during treatment felt less tired and in better
spirits than those who did not. Walking, cycling and light strength work were all tried.
Nobody needed a gym. Guidance for the NHS now asks care teams to encourage activity [@1].

The studies varied in size and quality, and most were of people with early breast cancer. We
still know little about people with secondary breast cancer, or about people who were not
active before they were diagnosed.

## What we are testing now

Our study gives people a simple plan to follow at home, with a phone call from a
physiotherapist once a week. We measure:

- how tired people feel, with a short questionnaire;
- how far they can walk in six minutes;
- whether they carry on once the calls stop.

## A word of care

Exercise does not treat the cancer itself. If you are having treatment, ask your care team
what is safe for you before you try something new, above all if your bones hurt or you get
out of breath.
""",
    },
    {
        "slug": "family-history-and-breast-cancer-risk",
        "title": "Family history and breast cancer: understanding your risk",
        "standfirst": (
            "Most people whose relative had breast cancer will never get it themselves. "
            "Here is how doctors decide who may need extra checks."
        ),
        "authors": ["amara-okafor"],
        "topics": ["risk-and-prevention"],
        "featured": False,
        "days_ago": 48,
        "reviewers": ["Dr Sarah Lindqvist"],
        "references": [
            {
                "title": (
                    "Familial breast cancer: classification, care and managing breast cancer and related risks (CG164)"
                ),
                "publisher": "National Institute for Health and Care Excellence",
                "year": 2013,
                "url": "https://www.nice.org.uk/guidance/cg164",
            },
        ],
        "body": """\
Learning that breast cancer runs in your family can be frightening. It helps to know that
breast cancer is common, so many families have had at least one case. That on its own does
not mean your own risk is high.

## When family history counts for more

Doctors take a closer look when, for example [@1]:

- several close relatives on the same side of the family have had breast or ovarian cancer;
- a relative was diagnosed when they were young;
- a man in the family has had breast cancer;
- a relative is known to carry a change in a gene such as *BRCA1* or *BRCA2*.

If that sounds like your family, your GP can refer you to a family history clinic.

## What our research adds

Risk is made of many small parts: hundreds of common gene changes, each with a tiny effect,
as well as age, breast density and the way we live. We are testing whether adding these parts
together gives a better estimate than family history alone. We also want to find the clearest
way to explain the result, so that people can make choices that suit them.

## What you can do now

Get to know how your breasts usually look and feel, and tell your GP about any change. You
do not need to wait for a screening appointment.
""",
    },
    {
        "slug": "when-hormone-therapy-stops-working",
        "title": "When hormone therapy stops working",
        "standfirst": (
            "Hormone therapy helps many people with breast cancer, but some cancers find a way "
            "around it. We study those escape routes so that they can be closed."
        ),
        "authors": ["catherine-doyle"],
        "topics": ["secondary-breast-cancer", "living-with-breast-cancer"],
        "featured": False,
        "days_ago": 60,
        "references": [
            {
                "title": "Advanced breast cancer: diagnosis and treatment (CG81)",
                "publisher": "National Institute for Health and Care Excellence",
                "year": 2009,
                "url": "https://www.nice.org.uk/guidance/cg81",
            },
        ],
        "body": """\
Around three in every four breast cancers grow in response to the hormone oestrogen.
Medicines that block oestrogen, or stop the body making it, are among the most useful
treatments we have [@1].

## How cancers get around the block

Over time, some cancer cells change. A few learn to grow without oestrogen. Others alter the
switch that oestrogen usually turns on, so that it stays on by itself. When that happens the
treatment stops working, and doctors look for another option.

## What we are doing

In our lab we keep breast cancer cells in hormone therapy for many months, until they no
longer respond. Then we compare them with the cells they came from. Each difference we find
could be a target for a new medicine, or a sign that a medicine already in use might work.

## What this means today

This research will take time to reach the clinic. If your treatment changes because it has
stopped working, your care team will explain the options you have now.
""",
    },
    {
        "slug": "how-donated-tissue-powers-research",
        "title": "How tissue donated by patients powers our research",
        "standfirst": (
            "Samples given by people having surgery let scientists study real tumours, not just "
            "cells in a dish. This is what happens to a donated sample."
        ),
        "authors": ["priya-raman", "seth-coffelt"],
        "topics": ["immunology"],
        "featured": False,
        "days_ago": 75,
        "reviewers": ["Joanne Price"],
        "references": [
            {
                "title": "Be Part of Research",
                "publisher": "National Institute for Health and Care Research",
                "url": "https://bepartofresearch.nihr.ac.uk/",
            },
        ],
        "body": """\
When someone has surgery for breast cancer, they may be asked if tissue left over can be
used for research. Saying yes costs nothing and does not change their care, but it can help
many people in years to come.

## From the operating theatre to the lab

A donated sample gets a code in place of a name, so researchers never learn whose it was. It
is kept in a tissue bank, under strict rules, until an approved study needs it.

## What the samples show us

Real tumours hold much more than cancer cells. They contain immune cells, blood vessels and
the tissue that holds them together, all sending signals to each other. Donated samples let
us check that what we see in the lab also happens in people.

## Thank you

Every study on this site depends on people who chose to help, often at a hard time in their
lives. If you would like to take part in research, the NHS lists studies that are looking for
people [@1].
""",
    },
    {
        "slug": "noticing-changes-in-your-breasts",
        "title": "Noticing changes in your breasts: why it matters",
        "standfirst": (
            "Most changes in the breast are not cancer, but getting them checked early means "
            "faster answers. We explain which changes to look for and what happens next."
        ),
        "authors": ["amara-okafor"],
        "topics": ["risk-and-prevention"],
        "featured": False,
        # Published, and last reviewed, long enough ago that its next review is overdue: the
        # Reviews page in the admin lists it.
        "days_ago": 900,
        "reviewers": ["Dr Helen Marsh"],
        "references": [
            {
                "title": "Breast cancer statistics",
                "publisher": "Cancer Research UK",
                "url": (
                    "https://www.cancerresearchuk.org/health-professional/cancer-statistics/"
                    "statistics-by-cancer-type/breast-cancer"
                ),
            },
        ],
        "body": """\
There is no special way to check your breasts. What matters is knowing what is normal for
you, so that you notice when something changes.

## Changes to look out for

- a lump or thickening in the breast or armpit;
- a change in the size or shape of a breast;
- skin that looks puckered, dimpled or red;
- a change to the nipple, such as turning inwards, a rash, or fluid coming out;
- pain in the breast or armpit that does not go away.

## What happens next

If you notice a change, book an appointment with your GP. They may send you to a breast
clinic for more tests. Most people who are sent do not have cancer, but it is always worth
getting checked.

## Why research on early signs matters

Cancer found early is usually easier to treat [@1]. Our research asks why some people wait
before they see a doctor, and how to make it easier to come forward.
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

# Scheduled when the demo is first loaded: live a few days later, hidden from readers until then.
SCHEDULED_ARTICLE = {
    "slug": "a-new-trial-for-secondary-breast-cancer",
    "title": "A new trial for people with secondary breast cancer",
    "standfirst": "A new study is about to open. We explain what it tests and who can take part.",
    "authors": ["catherine-doyle"],
    "topics": ["secondary-breast-cancer"],
    "featured": False,
    "publishes_in_days": 3,
    "reviewers": ["Dr Sarah Lindqvist"],
    "references": [
        {
            "title": "Be Part of Research",
            "publisher": "National Institute for Health and Care Research",
            "url": "https://bepartofresearch.nihr.ac.uk/",
        },
    ],
    "body": """\
A new study will soon open at hospitals across the UK. It will test whether giving a second
medicine alongside hormone therapy helps the treatment keep working for longer.

## Who can take part

The study is for adults whose breast cancer has spread, and whose hormone therapy has begun
to stop working. Your specialist can tell you whether it might suit you.

## How to find out more

Ask your care team, or search for the study on the NHS list of research studies [@1].
""",
}

# An edit of a live article, saved and submitted for review: the admin shows its changes
# waiting for a Publisher while readers keep the live text. The edit is marked as a review.
WORKING_COPY = {
    "slug": "making-treatment-side-effects-easier",
    "standfirst": (
        "Living well during and after treatment matters as much as the treatment itself. "
        "Our studies test simple ways to ease tiredness and joint pain, and the first results are in."
    ),
    "added_to_body": """
## First results

In our first study, people who followed a home exercise plan for twelve weeks said their
joints ached less than before. Most of them kept taking their hormone therapy. We now want to
see whether this holds in a larger group.
""",
    "reviewers": ["Joanne Price"],
    "review_note": "Added the first results of the home exercise study",
}

# Readers' answers to "Was this page useful?", as the feedback form stores them:
# (found it useful, comment, days ago).
FEEDBACK = {
    "immune-cells-that-help-breast-cancer-spread": [
        (True, "Clear and hopeful. I had no idea the immune system could work against you like this.", 2),
        (True, "", 2),
        (True, "", 1),
        (False, "I would have liked to know when this might help patients.", 1),
    ],
    "why-breast-cancer-can-return-years-later": [
        (True, "This explained what my oncologist told me far better than I could follow at the time.", 6),
        (False, "", 4),
    ],
    "family-history-and-breast-cancer-risk": [
        (True, "The list of when family history matters was really useful.", 12),
        (True, "", 9),
    ],
}
