"""The mail classifier and extractor, on messages written for these tests."""

from __future__ import annotations

import pytest

from onward.domain.mail.classify import RuleError, classify, parse_rules, rules
from onward.domain.mail.extract import extract
from onward.domain.mail.knowledge import sender_book
from onward.domain.mail.message import LABELS, Mail


def mail(
    body: str = "",
    subject: str = "",
    sender: str = "",
    name: str = "",
    quoted: str = "",
    signature: str = "",
    headers: tuple[tuple[str, str], ...] = (),
) -> Mail:
    return Mail(
        fingerprint="x",
        subject=subject,
        body=body,
        sender_address=sender,
        sender_name=name,
        quoted=quoted,
        signature=signature,
        headers=headers,
    )


# (id, message, label, a phrase the evidence must show)
CASES = [
    (
        "polite rejection: other candidates",
        mail(
            "Hi Sam,\n\nThanks for your time over the past weeks. After a lot of thought we have decided to move "
            "forward with other candidates for the Platform Engineer role.\n\nAll the best,\nRita",
            "Platform Engineer at Quarry Labs",
            "rita@quarrylabs.com",
            "Rita Gomez",
        ),
        "rejection",
        "decided to move forward with other candidates",
    ),
    (
        "rejection: position filled",
        mail(
            "Dear applicant,\n\nThank you for applying for the Archivist vacancy. The position has been filled and "
            "we are no longer accepting applications.",
            "Archivist vacancy",
            "hr@northgatelibrary.org",
        ),
        "rejection",
        "position has been filled",
    ),
    (
        "rejection: not progressing",
        mail(
            "Hello Ana, many thanks for your interest in Lindqvist Marine. Having reviewed your CV against the role, "
            "we will not be progressing your application on this occasion.",
            "Your application",
            "recruitment@lindqvist-marine.se",
        ),
        "rejection",
        "progressing your application",
    ),
    (
        "rejection: other applicants who match more closely",
        mail(
            "Thank you for applying to Orchard Pay. We have chosen to pursue other applicants whose experience more "
            "closely matches the needs of the team.",
            sender="talent@orchardpay.io",
        ),
        "rejection",
        "pursue other applicants",
    ),
    (
        "rejection: not moving forward",
        mail("Hi Kim, unfortunately we will not be moving forward with your candidacy. Good luck!", "Update"),
        "rejection",
        "moving forward with your candidacy",
    ),
    (
        "rejection: unable to offer",
        mail(
            "Dear Lee, thank you for attending the assessment day. Regrettably we are unable to offer you a place "
            "on the 2026 graduate programme.",
            "Graduate programme",
            "graduates@fernbank.co.uk",
        ),
        "rejection",
        "offer you a place",
    ),
    (
        "rejection: not to proceed",
        mail(
            "Hi Jo,\nWe reviewed your portfolio with the design team and decided not to proceed with your "
            "application for the Illustrator role.\nBest,\nMia",
            "Illustrator role",
            "mia@paperkite.studio",
        ),
        "rejection",
        "decided not to",
    ),
    (
        "rejection: the offer went to someone else",
        mail(
            "Thank you for interviewing with us for the Barista role. We have offered the position to another "
            "candidate, but we enjoyed meeting you.",
            sender="jobs@copperkettle.cafe",
        ),
        "rejection",
        "offered the position to another candidate",
    ),
    (
        "rejection: never says reject, negation of an offer",
        mail(
            "We appreciate your interest in the Field Technician job. We are unable to offer you an interview at this "
            "time.",
            sender="careers@solwind.energy",
        ),
        "rejection",
        "offer you an interview",
    ),
    (
        "rejection in French: regret, not retained",
        mail(
            "Bonjour Inès,\n\nNous vous remercions pour votre candidature au poste de Juriste. Nous avons le regret "
            "de vous informer que votre candidature n'a pas été retenue.\n\nCordialement",
            "Votre candidature",
            "rh@cabinet-morel.fr",
        ),
        "rejection",
        "n'a pas été retenue",
    ),
    (
        "rejection in French: no follow-up",
        mail(
            "Bonjour, après étude de votre dossier, nous ne pouvons malheureusement pas donner une suite favorable à "
            "votre candidature.",
            "Candidature Assistant juridique",
            "recrutement@groupe-lenoir.fr",
        ),
        "rejection",
        "donner une suite",
    ),
    (
        "confirmation that mentions not being selected",
        mail(
            "Hi Sam, thanks for applying to Tern Robotics! We have received your application for Firmware Engineer. "
            "If you are not selected for this position, we will keep your resume on file for future roles.",
            "Thanks for applying to Tern Robotics",
            "no-reply@greenhouse.io",
            "Tern Robotics",
        ),
        "confirmation",
        "received your application",
    ),
    (
        "confirmation that mentions not moving forward",
        mail(
            "Your application for Logistics Coordinator has been submitted. If we decide not to move forward, we "
            "will let you know by email.",
            "Application submitted",
            "jobs@harbourline.com",
        ),
        "confirmation",
        "application for Logistics Coordinator has been submitted",
    ),
    (
        "confirmation that may get no answer",
        mail(
            "Thank you for your application to Glenview Council. Due to the high volume of applications, we may not "
            "be able to respond to every applicant individually.",
            "We have received your application",
            "recruitment@glenview.gov.uk",
        ),
        "confirmation",
        "received your application",
    ),
    (
        "confirmation in French",
        mail(
            "Bonjour,\n\nNous avons bien reçu votre candidature pour le poste de Technicien de maintenance et nous "
            "vous en remercions. Elle sera étudiée avec attention.",
            "Accusé de réception",
            "emploi@atelier-vasseur.fr",
        ),
        "confirmation",
        "reçu votre candidature",
    ),
    (
        "confirmation from a job board, in French",
        mail(
            "Votre candidature a été envoyée à Borealis Conseil\n\nConsultant SAP\nBorealis Conseil\nNantes",
            "Louise, votre candidature a été envoyée à Borealis Conseil",
            "jobs-noreply@linkedin.com",
            "LinkedIn",
        ),
        "confirmation",
        "candidature a été envoyée",
    ),
    (
        "interview invitation",
        mail(
            "Hi Noor,\n\nThanks for applying for the Analytics Engineer role. We'd like to invite you to a 30-minute "
            "video interview with our data lead. Could you share your availability for next week?\n\nBest,\nOwen",
            "Next steps: Analytics Engineer",
            "owen@tidepool.health",
            "Owen Hart",
        ),
        "interview",
        "invite you to a 30-minute video interview",
    ),
    (
        "interview in French",
        mail(
            "Bonjour Paul,\n\nSuite à votre candidature au poste de Comptable, nous avons le plaisir de vous convier à "
            "un entretien le mardi 3 mars à 14h.\n\nMerci de nous confirmer votre présence.",
            "Entretien",
            "rh@fiduciaire-arnaud.fr",
        ),
        "interview",
        "convier à un entretien",
    ),
    (
        "offer",
        mail(
            "Dear Sam,\n\nWe are delighted to offer you the position of Product Analyst at Lumio. Your offer letter "
            "with the salary and start date is attached.\n\nWarm regards,\nDana",
            "Your offer from Lumio",
            "dana@lumio.app",
            "Dana Price",
        ),
        "offer",
        "offer you the position",
    ),
    (
        "offer: extending one",
        mail(
            "Hi Chris, great news: the panel loved your case study and we'd like to extend an offer to you for the "
            "Store Manager role. I'll call you this afternoon to go through the details.",
            sender="talent@northfieldoutdoor.com",
        ),
        "offer",
        "extend an offer to you",
    ),
    (
        "offer in French",
        mail(
            "Bonjour Léa, nous avons le plaisir de vous proposer le poste de Cheffe de projet en CDI. Vous trouverez "
            "ci-joint votre promesse d'embauche.",
            "Proposition d'embauche",
            "direction@ateliers-sorel.fr",
        ),
        "offer",
        "proposer le poste",
    ),
    (
        "job alert newsletter",
        mail(
            "New jobs matching your search\n\nData Analyst - Brightwater - Leeds\nBI Developer - Calder Group - York\n"
            "Reporting Analyst - Pennine Health - Remote\nSenior Data Engineer - Moorland Bank - Leeds\n\n"
            "Jobs you may be interested in\n\nUnsubscribe",
            "5 new jobs for data analyst",
            "alerts@jobfinder.example",
            "JobFinder",
            headers=(("list-unsubscribe", "<https://jobfinder.example/unsub>"),),
        ),
        "other_job",
        "header: List-Unsubscribe (bulk mail)",
    ),
    (
        "recruiter outreach",
        mail(
            "Hi Sam, I came across your profile and think you'd be a great fit for a Head of Data role with one of "
            "our clients in Manchester. Would you be open to a quick chat?",
            "Head of Data opportunity",
            "lena@brightpath-search.com",
            "Lena Ortiz",
        ),
        "other_job",
        "came across your profile",
    ),
    (
        "status update",
        mail(
            "Hi Alex, a quick note to say your application for Site Manager is currently under review. We expect to "
            "update you within two weeks.",
            "Application update",
            "careers@stonebridge-build.com",
        ),
        "other_job",
        "application for Site Manager is currently under review",
    ),
    (
        "assessment invitation",
        mail(
            "Hello Priya, as the next step for the Software Engineer role, please complete our online coding "
            "assessment within five days. It takes about an hour.",
            "Your coding assessment",
            "no-reply@codility.com",
        ),
        "other_job",
        "coding assessment",
    ),
    (
        "a podcast interview is not a job",
        mail(
            "Hi Sam! I run a small podcast about urban gardening and would love to interview you for an episode "
            "next month. It's very relaxed, about 40 minutes over Zoom.",
            "Podcast interview?",
            "maya.cohen@gmail.com",
            "Maya Cohen",
        ),
        "not_job",
        "",
    ),
    (
        "newsletter",
        mail(
            "In this issue: three ways to cut your energy bill, a recipe for spring soup and our reader survey.\n\n"
            "Unsubscribe | View in browser",
            "The Sunday Digest",
            "hello@sundaydigest.news",
            headers=(("list-id", "<digest.sundaydigest.news>"),),
        ),
        "not_job",
        "",
    ),
    (
        "shopping offer is not a job offer",
        mail(
            "We're pleased to offer you 25% off your next order. Use code SPRING25 at checkout.",
            "An offer just for you",
            "deals@greenleafshop.com",
        ),
        "not_job",
        "",
    ),
    (
        "personal mail",
        mail(
            "Are we still on for the climbing gym on Thursday? I can pick you up at 6.", "Thursday", "tom.r@gmail.com"
        ),
        "not_job",
        "no job-search words, phrases or senders",
    ),
    (
        "a loan application is not a job application",
        mail(
            "Your loan application has been received and is being processed. We will contact you within five "
            "business days.",
            "Loan application received",
            "noreply@quickloans.example",
        ),
        "not_job",
        "",
    ),
    (
        "a regretted flight is not a rejection",
        mail(
            "We regret to inform you that your flight has been cancelled. We will rebook you on the next one.",
            "Flight cancelled",
            "noreply@airline.example",
        ),
        "not_job",
        "",
    ),
    (
        "an invitation to a survey is not an interview",
        mail(
            "We would like to invite you to take part in our customer satisfaction survey. It takes five minutes.",
            "Tell us how we did",
            "feedback@shop.example",
        ),
        "not_job",
        "",
    ),
    (
        "a release candidate is not a candidate",
        mail("Release candidate 2.3.0-rc1 is ready for testing.", "[proj] 2.3.0 RC1", "noreply@github.com"),
        "not_job",
        "",
    ),
    (
        "a job board says the application was viewed",
        mail(
            "Your application was viewed by Northwind Labs.",
            "Your application was viewed by Northwind Labs",
            "jobs-noreply@linkedin.com",
            "LinkedIn",
        ),
        "other_job",
        "application was viewed",
    ),
    (
        "subject only: confirmation",
        mail(subject="Application received: Junior Accountant", sender="no-reply@myworkdayjobs.com"),
        "confirmation",
        'subject: "Application received"',
    ),
    (
        "subject only: interview",
        mail(subject="Interview invitation - Customer Success Manager", sender="talent@quillworks.io"),
        "interview",
        'subject: "Interview invitation"',
    ),
    (
        "a reply whose quoted text is a rejection",
        mail(
            "Thank you for letting me know, and for your time. I'd love to be considered for future openings.",
            "Re: Update on your application",
            "sam.lee@gmail.com",
            quoted="We have decided to move forward with other candidates whose experience more closely matches.",
        ),
        "other_job",
        "",
    ),
]


@pytest.mark.parametrize(("case", "message", "label", "phrase"), CASES, ids=[case[0] for case in CASES])
def test_classify(case: str, message: Mail, label: str, phrase: str) -> None:
    verdict = classify(message)
    assert verdict.label == label, verdict
    assert 0.0 <= verdict.confidence <= 1.0
    if phrase:
        assert any(phrase.lower() in evidence.lower() for evidence in verdict.evidence), verdict.evidence


def test_strong_unambiguous_phrasing_is_confident() -> None:
    verdict = classify(
        mail(
            "Dear Sam, we regret to inform you that we have decided to move forward with other candidates.",
            "Your application",
        )
    )
    assert verdict.label == "rejection"
    assert verdict.confidence >= 0.9


def test_conflicting_signals_are_less_confident() -> None:
    # A rejection of one role that also invites to an interview for another: worth a person's look.
    verdict = classify(
        mail(
            "Unfortunately we have decided to move forward with other candidates for the Analyst role. However, we "
            "would like to invite you to an interview for our Associate position. Please share your availability.",
            sender="careers@tallpine.com",
        )
    )
    assert verdict.confidence < 0.8
    assert verdict.scores["rejection"] > 0
    assert verdict.scores["interview"] > 0


def test_nothing_about_jobs_is_confidently_not_job() -> None:
    verdict = classify(mail("Your parcel was left with your neighbour at number 12.", "Delivery update"))
    assert verdict.label == "not_job"
    assert verdict.confidence >= 0.9


def test_quoted_text_is_never_read() -> None:
    rejection = "We have decided to move forward with other candidates."
    assert classify(mail(rejection)).label == "rejection"
    verdict = classify(mail("Thanks!", quoted=rejection))
    assert verdict.label == "not_job"
    assert not any("move forward" in evidence for evidence in verdict.evidence)


def test_an_applicant_tracking_system_is_a_signal_not_a_label() -> None:
    verdict = classify(mail("Hi Sam, thanks for your patience.", "A note from Willow Bank", "no-reply@greenhouse.io"))
    assert verdict.label == "other_job"
    assert "sender: greenhouse.io (applicant tracking system)" in verdict.evidence
    assert verdict.confidence < 0.8  # about a job search, but nothing says what: a person should look


def test_a_conditional_rejection_is_shown_as_ignored() -> None:
    verdict = classify(
        mail(
            "We have received your application for the Data Analyst position. If you are not selected, we will keep "
            "your details on file."
        )
    )
    assert verdict.label == "confirmation"
    assert any(evidence.startswith("ignored:") and "conditional" in evidence for evidence in verdict.evidence)


def test_every_verdict_has_scores_and_a_known_label() -> None:
    for _, message, _, _ in CASES:
        verdict = classify(message)
        assert verdict.label in LABELS
        assert verdict.evidence
        assert all(score >= 0 for score in verdict.scores.values())


# -- Extraction ------------------------------------------------------------------------------------------------------

EXTRACTIONS = [
    (
        "display name with a team suffix",
        mail("Thanks for applying.", "Application received", "jobs@hollowpine.io", "Hollow Pine Talent Team"),
        "Hollow Pine",
        None,
    ),
    (
        "a person at a company",
        mail("Let's talk on Monday.", "Quick chat", "jane@corvid.law", "Jane at Corvid Law"),
        "Corvid Law",
        None,
    ),
    (
        "the sender's domain",
        mail("See attached.", "Documents", "sam@northwind-logistics.com"),
        "Northwind Logistics",
        None,
    ),
    (
        "an ATS vendor is never the company",
        mail("Thanks for your patience while we review.", "Update", "no-reply@greenhouse.io"),
        None,
        None,
    ),
    (
        "the tenant of an ATS",
        mail("We received your application.", "Thank you", "no-reply@marlowfinch.myworkdayjobs.com"),
        "Marlowfinch",
        None,
    ),
    (
        "subject and body",
        mail(
            "Thank you for applying for the Senior Data Engineer position at Cobalt Pay. We will review it shortly.",
            "Your application to Cobalt Pay",
            "no-reply@lever.co",
        ),
        "Cobalt Pay",
        "Senior Data Engineer",
    ),
    (
        "the position of a role at a company",
        mail("We regret to inform you about the position of Lab Technician at Helix Bio.", sender="hr@helixbio.com"),
        "Helix Bio",
        "Lab Technician",
    ),
    (
        "French subject and body",
        mail(
            "Nous avons bien reçu votre candidature au poste de Chargée de communication.",
            "Merci pour votre candidature chez Maison Verne",
            "recrutement@maisonverne.fr",
        ),
        "Maison Verne",
        "Chargée de communication",
    ),
    (
        "a job board's listing",
        mail(
            "Your application was sent to Quillon\n\nTechnical Writer\nQuillon\nBerlin, Germany (Remote)",
            "Sam, your application was sent to Quillon",
            "jobs-noreply@linkedin.com",
            "LinkedIn",
        ),
        "Quillon",
        "Technical Writer",
    ),
    ("nothing to go on", mail("See you soon!", "Hi", "friend@gmail.com", "Robin Hale"), None, None),
]


@pytest.mark.parametrize(("case", "message", "company", "role"), EXTRACTIONS, ids=[case[0] for case in EXTRACTIONS])
def test_extract(case: str, message: Mail, company: str | None, role: str | None) -> None:
    found_company, found_role = extract(message)
    assert (found_company.value if found_company else None) == company
    assert (found_role.value if found_role else None) == role
    for guess in (found_company, found_role):
        assert guess is None or 0.0 < guess.confidence <= 1.0


def test_agreeing_sources_make_a_company_more_certain() -> None:
    domain_only, _ = extract(mail("See attached.", "Documents", "sam@fernwood.co"))
    agreed, _ = extract(
        mail("Thanks for your interest in Fernwood.", "Fernwood", "jobs@fernwood.co", "Fernwood Careers")
    )
    assert domain_only is not None
    assert agreed is not None
    assert domain_only.value == agreed.value == "Fernwood"
    assert agreed.confidence > domain_only.confidence


def test_a_role_loses_its_trailing_word_and_quotes() -> None:
    _, role = extract(mail('Thanks for applying for the "Backend Developer" role at Ferro Labs.'))
    assert role is not None
    assert role.value == "Backend Developer"


def test_the_verdict_carries_the_company_and_role() -> None:
    verdict = classify(
        mail(
            "Thank you for your interest in the UX Designer position at Brasswing. Unfortunately, we will not be "
            "moving forward with your application.",
            sender="no-reply@ashbyhq.com",
        )
    )
    assert verdict.label == "rejection"
    assert verdict.company is not None
    assert verdict.company.value == "Brasswing"
    assert verdict.role is not None
    assert verdict.role.value == "UX Designer"


def test_job_boards_and_free_mail_are_known_senders() -> None:
    book = sender_book()
    assert book.kind("jobalerts-noreply@linkedin.com").kind == "job_board"
    assert book.kind("someone@gmail.com").kind == "free_mail"
    assert book.kind("acme@myworkday.com").kind == "ats"
    assert book.kind("sam@acme.com").kind == ""


# -- The rules file --------------------------------------------------------------------------------------------------

MINIMAL = """
version = 1
[thresholds]
label = 1.5
job = 1.5
job_words_cap = 2.5
not_job = 3.0
reply_subject = 0.5
bulk_personal = 0.7
bulk_other_job = 1.0
titles = 4
titles_weight = 2.5
strong = 3.0
[senders]
ats = ["greenhouse.io"]
[[rules]]
id = "rejection.plain"
label = "rejection"
weight = 3
patterns = ["we said no"]
"""


def test_the_shipped_rules_load() -> None:
    loaded = rules()
    assert {rule.label for rule in loaded.rules} >= set(LABELS)


def test_rules_are_data() -> None:
    custom = parse_rules(MINIMAL)
    assert classify(mail("Sorry, we said no."), custom).label == "rejection"
    assert classify(mail("We have decided to move forward with other candidates."), custom).label == "not_job"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("weight = 3", "weight = 'heavy'"), "rule rejection.plain: weight must be a number"),
        (('label = "rejection"', 'label = "maybe"'), "rule rejection.plain: label must be one of"),
        (
            ('["we said no"]', '["we [said no"]'),
            "rule rejection.plain: 'we [said no' is not a valid regular expression",
        ),
        (('["we said no"]', '["\\\\d+ no"]'), "must start with a plain word"),
        (('["we said no"]', '["we (said) no"]'), "has a capturing group"),
        (("[thresholds]", "[thresholds"), "not valid TOML"),
        (("[senders]", "[other]"), "[senders] is missing"),
        (("strong = 3.0", "strength = 3.0"), "[thresholds]: strong missing"),
        (("titles = 4", "titles = 'many'"), "[thresholds]: every value must be a number"),
    ],
)
def test_a_bad_rules_file_says_what_is_wrong(change: tuple[str, str], message: str) -> None:
    with pytest.raises(RuleError, match=None) as error:
        parse_rules(MINIMAL.replace(*change), "my.toml")
    assert message in str(error.value)
    assert str(error.value).startswith("my.toml")
