"""Reading mail: messages as they arrive from real clients and senders, broken ones, and whole files and folders."""

from __future__ import annotations

import base64
import io
import quopri
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onward.domain.mail import mbox, reader
from onward.domain.mail.message import Mail, Skipped
from onward.domain.mail.reader import MailError, mail_from_parts, open_source, parse_bytes, parse_text, read_path
from onward.domain.mail.text import html_to_text, split_body

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Bytes that look like an mbox often enough to matter: envelope lines, escaped lines, blank lines, CRLF.
MBOX_BYTES = st.lists(
    st.sampled_from(
        [b"From ", b"From a@x Tue Nov  4 10:00:00 2026\n", b">From ", b"\n", b"\r\n", b"\n\n", b"Subject: x\n"]
    )
    | st.binary(max_size=6),
    max_size=60,
).map(b"".join)


def message(headers: str, body: str | bytes) -> bytes:
    """A message with CRLF line ends, as mail servers store it."""
    head = headers.strip("\n").replace("\n", "\r\n").encode() + b"\r\n\r\n"
    return head + (body.replace("\n", "\r\n").encode() if isinstance(body, str) else body)


REJECTION = message(
    """
From: "Priya Shah" <Priya.Shah@Acme.example>
To: Alex Martin <alex@example.net>
Subject: Your application for Data Analyst
Date: Tue, 4 Nov 2026 10:15:00 +0100
Message-ID: <CAB123.456@Mail.Acme.EXAMPLE>
List-Unsubscribe: <https://acme.example/unsub>
X-Mailer: RecruitFlow 4.2
Content-Type: text/plain; charset=utf-8
""",
    "Dear Alex,\n\nThank you for your time. We have decided to move forward with other candidates.\n\n"
    "-- \nPriya Shah\nTalent Acquisition\n",
)


# -- Bodies and encodings ---------------------------------------------------------------------------------------------


def test_a_plain_message_gives_its_fields_in_plain_words() -> None:
    mail = parse_bytes(REJECTION)
    assert mail.subject == "Your application for Data Analyst"
    assert (mail.sender_name, mail.sender_address, mail.sender_domain) == (
        "Priya Shah",
        "priya.shah@acme.example",
        "acme.example",
    )
    assert mail.message_id == "CAB123.456@mail.acme.example"
    assert mail.fingerprint == "mid:CAB123.456@mail.acme.example"
    assert mail.date is not None
    assert mail.date.isoformat() == "2026-11-04T10:15:00+01:00"
    assert mail.to == "Alex Martin <alex@example.net>"
    assert mail.body == "Dear Alex,\n\nThank you for your time. We have decided to move forward with other candidates."
    assert mail.signature == "Priya Shah\nTalent Acquisition"
    assert mail.header("list-unsubscribe") == "<https://acme.example/unsub>"
    assert mail.header("X-Mailer") == "RecruitFlow 4.2"
    assert mail.problems == ()


def test_multipart_alternative_reads_the_plain_part() -> None:
    data = message(
        """
From: Brightline Careers <no-reply@brightline.example>
Subject: Application received
Content-Type: multipart/alternative; boundary="alt-1"
""",
        "--alt-1\nContent-Type: text/plain; charset=utf-8\n\nThanks for applying to Brightline.\n"
        "--alt-1\nContent-Type: text/html; charset=utf-8\n\n<p>HTML version</p>\n--alt-1--\n",
    )
    assert parse_bytes(data).body == "Thanks for applying to Brightline."


def test_an_empty_plain_alternative_falls_back_to_the_html() -> None:
    data = message(
        """
From: jobs@fable.example
Subject: Interview
Content-Type: multipart/alternative; boundary=b
""",
        "--b\nContent-Type: text/plain\n\n \n--b\nContent-Type: text/html\n\n"
        "<p>Are you free on <b>Friday</b>?</p>\n--b--",
    )
    assert parse_bytes(data).body == "Are you free on Friday?"


def test_quoted_printable_and_base64_bodies_are_decoded() -> None:
    text = "Nous avons bien reçu votre candidature – merci ! " * 3
    qp = message(
        "From: rh@cobalt.example\nSubject: Candidature\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable",
        quopri.encodestring(text.encode()).decode(),
    )
    b64 = message(
        "From: rh@cobalt.example\nSubject: Candidature\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: base64",
        base64.encodebytes(text.encode()).decode(),
    )
    assert parse_bytes(qp).body == text.strip()
    assert parse_bytes(b64).body == text.strip()


def test_html_only_mail_is_read_as_text_without_styles_scripts_or_tracking_pixels() -> None:
    html = (
        "<html><head><title>Jobs</title><style>p { color: red; }</style><script>alert(1)</script></head>"
        "<body><div style='display:none'>&zwnj;&nbsp;&zwnj;</div><h2>New jobs for you</h2>"
        "<p>Hello Alex,<br>here are <b>3</b> new roles &amp; more.</p>"
        "<ul><li>Data Analyst &middot; Remote</li><li>QA Engineer</li></ul>"
        '<p><a href="https://jobs.example/a">See all jobs</a> '
        '<a href="https://click.example/track?u=1234567890abcdef&amp;t=fedcba0987654321&amp;src=alert">Unsubscribe</a>'
        '</p><img src="https://pixel.example/open.gif?u=42" width="1" height="1" alt=""></body></html>'
    )
    data = message("From: alerts@jobfinder.example\nSubject: 3 new jobs\nContent-Type: text/html; charset=utf-8", html)
    body = parse_bytes(data).body
    assert body == (
        "New jobs for you\n\nHello Alex,\nhere are 3 new roles & more.\n\n- Data Analyst · Remote\n- QA Engineer\n\n"
        "See all jobs (https://jobs.example/a) Unsubscribe"
    )
    assert "color" not in body
    assert "alert(1)" not in body
    assert "pixel" not in body


def test_html_to_text_keeps_quoted_angle_brackets_and_literal_text() -> None:
    assert html_to_text('<p title="a > b">x &lt; y</p><p>5 < 6</p>') == "x < y\n\n5 < 6"
    assert html_to_text("<div>One</div><div><br></div><div>Two</div>") == "One\n\nTwo"
    assert html_to_text('<a href="mailto:sam@acme.example">sam@acme.example</a>') == "sam@acme.example"
    assert (
        html_to_text("<HTML><HEAD><STYLE>p {}</STYLE></HEAD><P>Old</P><Div>school<BR>mail</DIV>")
        == "Old\n\nschool\nmail"
    )


def test_french_latin1_and_windows_1252_mail_reads_correctly() -> None:
    latin1 = message(
        "From: =?iso-8859-1?q?Service_R=E9crutement?= <recrutement@fable.example>\n"
        "Subject: =?iso-8859-1?q?Votre_candidature_=E0_notre_offre?=\n"
        "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable",
        quopri.encodestring(
            "Nous avons le regret de vous informer que votre profil n'a pas été retenu.".encode("latin-1")
        ).decode(),
    )
    cp1252 = message(
        "From: rh@fable.example\nSubject: Candidature\nContent-Type: text/plain; charset=windows-1252\n"
        "Content-Transfer-Encoding: 8bit",
        "Nous avons le regret… l’équipe – 50 €".encode("cp1252"),
    )
    mail = parse_bytes(latin1)
    assert mail.subject == "Votre candidature à notre offre"
    assert mail.sender_name == "Service Récrutement"
    assert mail.body == "Nous avons le regret de vous informer que votre profil n'a pas été retenu."
    assert parse_bytes(cp1252).body == "Nous avons le regret… l’équipe – 50 €"


def test_latin1_labelled_mail_with_windows_1252_quotes_reads_them() -> None:
    data = message(
        "From: a@b.example\nContent-Type: text/plain; charset=iso-8859-1",
        "l\x92offre \x96 r\xe9ponse".encode("latin-1"),
    )
    assert parse_bytes(data).body == "l’offre – réponse"


def test_an_unknown_charset_is_read_as_utf8_or_windows_1252_and_said() -> None:
    utf8 = message("From: a@b.example\nContent-Type: text/plain; charset=x-unknown", "Déjà vu".encode())
    cp1252 = message("From: a@b.example\nContent-Type: text/plain; charset=x-unknown", "Déjà vu".encode("cp1252"))
    for data in (utf8, cp1252):
        mail = parse_bytes(data)
        assert mail.body == "Déjà vu"
        assert mail.problems == ("unknown character set “x-unknown”; read as UTF-8 or Windows-1252",)


def test_raw_8bit_headers_are_decoded() -> None:
    data = "From: Zoë Müller <zoe@example.org>\nSubject: Réponse à votre candidature\n\nMerci".encode()
    mail = parse_bytes(data)
    assert (mail.sender_name, mail.subject) == ("Zoë Müller", "Réponse à votre candidature")


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("=?utf-8?q?Entretien_pr=C3=A9vu_le_5_novembre?=", "Entretien prévu le 5 novembre"),
        ("=?UTF-8?B?SW50ZXJ2aWV3IGludml0YXRpb24g8J+Ohw==?=", "Interview invitation 🎇"),
        ("Re: =?utf-8?q?caf=C3=A9?= =?utf-8?q?_au_lait?= ok", "Re: café au lait ok"),
        ("=?iso-8859-1?q?Nous_avons_le_regret?=", "Nous avons le regret"),
        ("Plain subject", "Plain subject"),
        ("A folded\r\n subject", "A folded subject"),
    ],
)
def test_rfc2047_subjects_are_decoded(raw: str, decoded: str) -> None:
    assert parse_bytes(f"From: a@b.example\r\nSubject: {raw}\r\n\r\nx".encode()).subject == decoded


# -- What was newly written -------------------------------------------------------------------------------------------


FORWARD = message(
    """
From: Alex Martin <alex.m@mailbox.example>
To: coach@example.org
Subject: Fwd: Update on your application
Date: Wed, 5 Nov 2026 08:00:00 +0000
Message-ID: <fwd-1@mailbox.example>
""",
    "FYI\n\n---------- Forwarded message ---------\nFrom: Northwind Talent <Talent@Northwind.example>\n"
    "Date: Mon, 3 Nov 2026 at 10:02\nSubject: Update on your application\nTo: <alex.m@mailbox.example>\n\n\n"
    "Hello Alex,\n\nUnfortunately we will not be moving forward with your application. The role was filled "
    "internally.\n\nKind regards,\nTalent team\n",
)


def test_a_short_forward_is_read_as_the_forwarded_message() -> None:
    mail = parse_bytes(FORWARD)
    assert mail.body.startswith("Hello Alex,\n\nUnfortunately we will not be moving forward")
    assert mail.body.endswith("Kind regards,\nTalent team")
    assert (mail.sender_name, mail.sender_address) == ("Northwind Talent", "talent@northwind.example")
    assert mail.subject == "Update on your application"
    assert mail.quoted == "FYI"
    assert mail.message_id == "fwd-1@mailbox.example"  # still the message that arrived


def test_a_forward_with_a_real_note_keeps_the_note_as_the_content() -> None:
    note = "Hi coach, could you look at this one with me on Thursday? I am not sure how to answer their question."
    text = f"{note}\n\n---------- Forwarded message ---------\nFrom: x@acme.example\nSubject: Hi\n\nOriginal"
    new, quoted, _ = split_body(text)
    assert new == note
    assert quoted.startswith("---------- Forwarded message")
    assert quoted.endswith("Original")


@pytest.mark.parametrize(
    "marker",
    [
        "Begin forwarded message:\n\nFrom: Acme HR <hr@acme.example>\nSubject: Your application\nDate: 3 November 2026",
        "-------- Message transféré --------\nSujet : Your application\nDe : Acme HR <hr@acme.example>",
        "-------- Forwarded Message --------\nSubject: Your application\nFrom: Acme HR <hr@acme.example>",
    ],
)
def test_forwards_from_apple_mail_thunderbird_and_french_clients(marker: str) -> None:
    mail = mail_from_parts("Fwd: x", f"\n{marker}\n\nWe regret to tell you the position is filled.", "me@example.org")
    assert mail.body == "We regret to tell you the position is filled."
    assert (mail.sender_address, mail.subject) == ("hr@acme.example", "Your application")


def test_an_outlook_forward_is_told_from_an_outlook_reply_by_its_subject() -> None:
    text = (
        "fyi\n-----Original Message-----\nFrom: Acme HR <hr@acme.example>\nSent: Monday, November 3, 2026 10:00 AM\n"
        "To: Alex\nSubject: Your application\n\nDear Alex, we regret to tell you the role is filled."
    )
    forward = mail_from_parts("FW: Your application", text, "me@example.org")
    reply = mail_from_parts("RE: Your application", text, "me@example.org")
    assert (forward.body, forward.sender_address) == (
        "Dear Alex, we regret to tell you the role is filled.",
        "hr@acme.example",
    )
    assert (reply.body, reply.sender_address) == ("fyi", "me@example.org")


def test_a_reply_keeps_only_what_was_newly_written() -> None:
    data = message(
        "From: Sam Lee <sam@cobalt.example>\nSubject: Re: Interview\nIn-Reply-To: <Orig-1@Example.NET>\n"
        "References: <a@x.example> <Orig-1@Example.NET>",
        "Thursday at 2pm works, see you then.\n\nOn Mon, 3 Nov 2026 at 09:12, Alex Martin <alex@example.net>\n"
        "wrote:\n> Would Thursday work?\n>\n> Alex\n",
    )
    mail = parse_bytes(data)
    assert mail.body == "Thursday at 2pm works, see you then."
    assert mail.quoted.startswith("On Mon, 3 Nov 2026")
    assert "Would Thursday work?" in mail.quoted
    assert mail.in_reply_to == "Orig-1@example.net"
    assert mail.references == ("a@x.example", "Orig-1@example.net")


@pytest.mark.parametrize(
    "history",
    [
        "Le lun. 3 nov. 2026 à 10:00, Acme RH <rh@acme.example> a écrit :\n> Bonjour",
        "-----Original Message-----\nFrom: Acme HR\nSent: Monday, November 3, 2026 10:00 AM\nTo: Alex\nSubject: Hi",
        "________________________________\nFrom: Acme HR <hr@acme.example>\nSent: Monday, November 3, 2026\nTo: Alex",
        "From: Acme HR <hr@acme.example>\nDate: Monday, November 3, 2026 at 10:00\nTo: Alex\nSubject: RE: Hi",
        "> Bonjour,\n> merci pour votre candidature.",
    ],
)
def test_quoted_history_in_each_clients_style_is_not_the_body(history: str) -> None:
    new, quoted, signature = split_body(f"Merci, à jeudi.\n\n{history}\n")
    assert (new, signature) == ("Merci, à jeudi.", "")
    assert quoted == history


def test_signatures_split_only_at_the_delimiter_or_a_mobile_footer() -> None:
    assert split_body("See you Friday.\n\nSent from my iPhone") == ("See you Friday.", "", "Sent from my iPhone")
    assert split_body("Merci !\n\nEnvoyé de mon iPhone\n") == ("Merci !", "", "Envoyé de mon iPhone")
    assert split_body("Thanks,\nSam\n-- \nSam Lee | Recruiter") == ("Thanks,\nSam", "", "Sam Lee | Recruiter")
    assert split_body("Thanks,\nSam\n--\nSam Lee\nCobalt") == ("Thanks,\nSam", "", "Sam Lee\nCobalt")
    # a sign-off is part of what was written; so is a "--" with a whole letter after it
    assert split_body("Best regards,\nSam Lee\nRecruiter") == ("Best regards,\nSam Lee\nRecruiter", "", "")
    letter = "Intro\n--\n" + "\n".join(f"line {i}" for i in range(12))
    assert split_body(letter)[0] == letter


def test_an_attached_message_is_read_as_a_forward() -> None:
    inner = message(
        "From: Juniper Bank Careers <careers@juniper.example>\nSubject: Your application\n"
        "Content-Type: text/plain; charset=utf-8",
        "We are sorry to tell you that we will not be progressing your application.",
    )
    data = message(
        'From: alex@example.net\nSubject: Fwd: Your application\nContent-Type: multipart/mixed; boundary="m"',
        b"--m\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--m\r\nContent-Type: message/rfc822\r\n"
        b'Content-Disposition: attachment; filename="fwd.eml"\r\n\r\n' + inner + b"\r\n--m--\r\n",
    )
    mail = parse_bytes(data)
    assert mail.body == "We are sorry to tell you that we will not be progressing your application."
    assert (mail.sender_address, mail.subject) == ("careers@juniper.example", "Your application")
    assert mail.quoted == "see attached"


def test_attachments_are_left_out() -> None:
    data = message(
        'From: hr@acme.example\nSubject: Offer\nContent-Type: multipart/mixed; boundary="x"',
        "--x\nContent-Type: text/plain\n\nYour offer letter is attached.\n--x\nContent-Type: text/plain\n"
        'Content-Disposition: attachment; filename="notes.txt"\n\nSECRET NOTES\n--x\nContent-Type: application/pdf\n'
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--x--\n",
    )
    assert parse_bytes(data).body == "Your offer letter is attached."


def test_a_subject_only_message_has_an_empty_body() -> None:
    mail = parse_bytes(b"From: a@b.example\r\nSubject: Call me\r\n\r\n")
    assert (mail.subject, mail.body, mail.quoted, mail.signature) == ("Call me", "", "", "")


# -- Fingerprints and damaged mail ------------------------------------------------------------------------------------


def test_without_a_message_id_the_fingerprint_is_a_stable_hash_of_the_content() -> None:
    data = message("From: a@b.example\nSubject: Hi\nDate: Tue, 4 Nov 2026 10:15:00 +0100", "Body text")
    first, again = parse_bytes(data), parse_bytes(data)
    other = parse_bytes(data.replace(b"Body text", b"Other text"))
    assert first.message_id is None
    assert first.fingerprint.startswith("sha256:")
    assert len(first.fingerprint) == 7 + 64
    assert first.fingerprint == again.fingerprint != other.fingerprint
    # the same message through another route (CRLF or LF, pasted fields) keeps its fingerprint
    assert parse_bytes(data.replace(b"\r\n", b"\n")).fingerprint == first.fingerprint


def test_a_message_cut_off_inside_a_mime_part_is_read_as_far_as_it_goes() -> None:
    data = message(
        'From: a@b.example\nSubject: Cut\nContent-Type: multipart/alternative; boundary="never-closed"',
        "--never-closed\nContent-Type: text/plain\n\nWe would like to invite you to an interv",
    )
    mail = parse_bytes(data)
    assert mail.body == "We would like to invite you to an interv"
    assert mail.problems == ("the message looks cut off: a MIME part is never closed",)


def test_damaged_base64_and_missing_boundaries_are_read_as_well_as_possible() -> None:
    bad64 = message("From: a@b.example\nContent-Transfer-Encoding: base64", "SGVsbG8gd29ybGQ*!!")
    assert parse_bytes(bad64).body == "Hello world"
    assert "a base64 part is damaged; read what could be decoded" in parse_bytes(bad64).problems
    no_boundary = message("From: a@b.example\nContent-Type: multipart/mixed", "just some text")
    assert parse_bytes(no_boundary).body == "just some text"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  <ABC.123@Mail.Example.COM>  ", "ABC.123@mail.example.com"),
        ("ABC@example.com", "ABC@example.com"),
        ("<>", None),
        ("", None),
    ],
)
def test_message_ids_are_normalised(raw: str, expected: str | None) -> None:
    assert parse_bytes(f"Message-ID: {raw}\r\nFrom: a@b.example\r\n\r\nx".encode()).message_id == expected


def test_a_bad_date_is_none() -> None:
    assert parse_bytes(b"From: a@b.example\r\nDate: next Tuesday-ish\r\n\r\nx").date is None


# -- Pasted text and fields -------------------------------------------------------------------------------------------


def test_pasted_text_with_headers_uses_them() -> None:
    mail = parse_text(
        "Subject: Interview invitation\nFrom: Sam Lee <sam@cobalt.example>\nDate: Tue, 4 Nov 2026 10:00:00 +0000\n"
        "To: me\n\nHi Alex, can you do Thursday?\n"
    )
    assert (mail.subject, mail.sender_name, mail.sender_address) == (
        "Interview invitation",
        "Sam Lee",
        "sam@cobalt.example",
    )
    assert mail.date is not None
    assert mail.date.day == 4
    assert mail.body == "Hi Alex, can you do Thursday?"
    assert mail.fingerprint.startswith("sha256:")


def test_pasted_french_headers_and_text_without_headers() -> None:
    french = parse_text("De : Acme RH <rh@acme.example>\nObjet : Votre candidature\n\nNous avons le regret…")
    assert (french.sender_address, french.subject, french.body) == (
        "rh@acme.example",
        "Votre candidature",
        "Nous avons le regret…",
    )
    plain = parse_text("Dear Alex,\n\nWe have decided not to proceed.\n")
    assert (plain.subject, plain.sender_address, plain.body) == (
        "",
        "",
        "Dear Alex,\n\nWe have decided not to proceed.",
    )


def test_a_pasted_full_message_is_parsed_as_mail() -> None:
    mail = parse_text(REJECTION.decode())
    assert mail.message_id == "CAB123.456@mail.acme.example"
    assert mail.header("x-mailer") == "RecruitFlow 4.2"


def test_mail_from_parts_converts_html_and_splits_the_body() -> None:
    mail = mail_from_parts(
        "Re: Interview", "<div>Works for me!</div><div>On Mon, 3 Nov 2026, Sam wrote:</div>", "SAM@x.example"
    )
    assert (mail.body, mail.quoted, mail.sender_address) == (
        "Works for me!",
        "On Mon, 3 Nov 2026, Sam wrote:",
        "sam@x.example",
    )
    assert mail_from_parts(None, None, None).fingerprint == mail_from_parts("", "", "").fingerprint
    assert mail_from_parts("s", "b", "x@y.example", message_id="<Id@Y.example>").fingerprint == "mid:Id@y.example"


# -- Files and folders ------------------------------------------------------------------------------------------------


def _mbox(*messages: bytes) -> bytes:
    out = b""
    for index, data in enumerate(messages):
        escaped = re.sub(rb"^(>*From )", rb">\1", data, flags=re.MULTILINE)  # mboxrd
        out += f"From sender{index}@example.org Tue Nov  4 10:00:00 2026\n".encode() + escaped + b"\n\n"
    return out


def test_an_mbox_is_streamed_message_by_message_with_progress(tmp_path: Path) -> None:
    second = b"From: b@example.org\nSubject: Two\n\nFrom here on,\n>From the archive\nbye\n"
    path = tmp_path / "Inbox.mbox"
    path.write_bytes(_mbox(REJECTION, second, b"From: c@example.org\nSubject: Three\n\nThird"))
    source = open_source(path)
    assert (source.kind, source.name, source.total) == ("mbox", "Inbox.mbox", path.stat().st_size)
    items = list(source)
    mails = [item for item, _ in items]
    assert [m.subject for m in mails if isinstance(m, Mail)] == ["Your application for Data Analyst", "Two", "Three"]
    assert isinstance(mails[1], Mail)
    # stored as ">From here on," and ">>From the archive": each loses one ">" (and a ">" line reads as a quote)
    assert (mails[1].body, mails[1].quoted) == ("From here on,\nbye", ">From the archive")
    done = [d for _, d in items]
    assert done == sorted(done)
    assert done[-1] == source.total


def test_an_mbox_splits_on_from_lines_after_a_blank_line_or_shaped_like_an_envelope() -> None:
    data = (
        b"From a@x Tue Nov  4 10:00:00 2026\nSubject: One\n\nline\nFrom the start it was clear\n"
        b"From b@x Wed Nov  5 10:00:00 2026\nSubject: Two\n\nbody\n\nFrom me, after a blank line\nSubject: Three\n"
    )
    assert [m for m, _ in mbox.split_mbox(io.BytesIO(data), 10_000)] == [
        b"Subject: One\n\nline\nFrom the start it was clear\n",
        b"Subject: Two\n\nbody\n\n",
        b"Subject: Three\n",
    ]


def test_an_mbox_with_windows_line_ends_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "export.mbox"
    path.write_bytes(
        _mbox(REJECTION, b"From: b@example.org\nSubject: Two\n\nSecond").replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    )
    mails = [item for item in read_path(path) if isinstance(item, Mail)]
    assert [(m.subject, m.body) for m in mails] == [
        ("Your application for Data Analyst", parse_bytes(REJECTION).body),
        ("Two", "Second"),
    ]


@given(MBOX_BYTES, st.integers(min_value=1, max_value=64))
@FUZZ
def test_splitting_an_mbox_does_not_depend_on_the_chunk_size(data: bytes, chunk: int) -> None:
    whole = list(mbox.split_mbox(io.BytesIO(data), 1000))
    original = mbox._CHUNK
    mbox._CHUNK = chunk
    try:
        chunked = list(mbox.split_mbox(io.BytesIO(data), 1000))
    finally:
        mbox._CHUNK = original
    assert chunked == whole


def test_a_message_over_the_size_cap_is_skipped_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_MESSAGE_BYTES", 2000)
    big = b"From: big@example.org\nSubject: Big\n\n" + b"attachment line\n" * 500
    path = tmp_path / "box.mbox"
    path.write_bytes(_mbox(REJECTION, big, b"From: c@example.org\nSubject: After\n\nok"))
    items = list(read_path(path))
    assert items[1] == Skipped("message 2", "larger than 25 MB; skipped")
    assert [i.subject for i in items if isinstance(i, Mail)] == ["Your application for Data Analyst", "After"]
    eml = tmp_path / "big.eml"
    eml.write_bytes(big)
    assert list(read_path(eml)) == [Skipped("big.eml", "larger than 25 MB; skipped")]


def test_a_maildir_reads_cur_then_new_by_name_and_ignores_tmp(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "cur" / "1699000002.M2.host:2,S").write_bytes(b"From: b@x.example\nSubject: Second\n\nb")
    (tmp_path / "cur" / "1699000001.M1.host:2,S").write_bytes(b"From: a@x.example\nSubject: First\n\na")
    (tmp_path / "new" / "1699000003.M3.host").write_bytes(b"From: c@x.example\nSubject: Third\n\nc")
    (tmp_path / "tmp" / "1699000004.M4.host").write_bytes(b"From: d@x.example\nSubject: Half-written\n\nd")
    source = open_source(tmp_path)
    assert source.kind == "maildir"
    items = list(source)
    assert [i.subject for i, _ in items if isinstance(i, Mail)] == ["First", "Second", "Third"]
    assert items[-1][1] == source.total


def test_a_folder_of_eml_files_is_read_and_unreadable_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.eml").write_bytes(REJECTION)
    (tmp_path / "a.EML").write_bytes(FORWARD)
    (tmp_path / "notes.txt").write_text("not mail")
    source = open_source(tmp_path)
    assert source.kind == "folder"
    assert [item.subject for item in read_path(tmp_path) if isinstance(item, Mail)] == [
        "Update on your application",
        "Your application for Data Analyst",
    ]


def test_single_files_by_extension_and_content(tmp_path: Path) -> None:
    (tmp_path / "one.eml").write_bytes(REJECTION)
    (tmp_path / "pasted.txt").write_text("Objet : Entretien\n\nPouvez-vous jeudi ?", encoding="utf-8")
    (tmp_path / "Inbox").write_bytes(_mbox(REJECTION))  # Thunderbird's mbox files have no extension
    (tmp_path / "message.mail").write_bytes(REJECTION)
    kinds = {name: open_source(tmp_path / name).kind for name in ("one.eml", "pasted.txt", "Inbox", "message.mail")}
    assert kinds == {"one.eml": "eml", "pasted.txt": "text", "Inbox": "mbox", "message.mail": "eml"}
    assert [m.subject for m in read_path(tmp_path / "pasted.txt") if isinstance(m, Mail)] == ["Entretien"]


def test_files_that_are_not_mail_are_refused_in_plain_words(tmp_path: Path) -> None:
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("All mail.mbox", _mbox(REJECTION))
    renamed = tmp_path / "photo.eml"
    renamed.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (tmp_path / "empty.mbox").write_bytes(b"")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\nsome text that is not mail\n")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.jpg").write_bytes(b"jpg")
    cases = {
        "takeout.zip": "takeout.zip is a zip archive; unzip it and import the .mbox or .eml files inside.",
        "photo.eml": "photo.eml is not mail: it holds binary data, not text.",
        "empty.mbox": "empty.mbox is empty.",
        "missing.mbox": "missing.mbox: no such file or folder.",
        "report.pdf": (
            "report.pdf: onward does not know this kind of file; it reads .eml, .mbox, .txt and Maildir folders."
        ),
        "photos": "photos is a folder but neither a Maildir (with cur and new inside) nor holds .eml files.",
    }
    for name, error in cases.items():
        with pytest.raises(MailError) as raised:
            open_source(tmp_path / name)
        assert str(raised.value) == error


# -- Nothing breaks the reader ----------------------------------------------------------------------------------------


@given(st.binary(max_size=4000))
@FUZZ
def test_parse_bytes_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    assert isinstance(parse_bytes(data), Mail)


_SEEDS = [
    REJECTION,
    FORWARD,
    message("From: a@b.example\nContent-Type: multipart/mixed; boundary=q", "--q\n\nx\n--q--"),
]


@given(
    st.sampled_from(_SEEDS),
    st.lists(st.tuples(st.integers(min_value=0, max_value=2000), st.binary(max_size=8)), max_size=8),
)
@FUZZ
def test_parse_bytes_never_raises_on_mutated_messages(seed: bytes, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(seed)
    for position, replacement in edits:
        at = position % (len(data) + 1)
        data[at : at + len(replacement)] = replacement
    mail = parse_bytes(bytes(data))
    assert isinstance(mail, Mail)
    assert mail.fingerprint


@given(MBOX_BYTES | st.binary(max_size=3000))
@FUZZ
def test_an_mbox_of_arbitrary_bytes_yields_only_mail_or_skipped(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.mbox"
        path.write_bytes(b"From x Tue Nov  4 10:00:00 2026\n" + data)
        for item, done in open_source(path):
            assert isinstance(item, Mail | Skipped)
            assert 0 <= done <= path.stat().st_size


@given(st.text(max_size=2000))
@FUZZ
def test_parse_text_and_the_text_helpers_never_raise(text: str) -> None:
    assert isinstance(parse_text(text), Mail)
    assert isinstance(mail_from_parts(text[:50], text, text[-50:]), Mail)
    assert isinstance(html_to_text(text), str)
    assert all(isinstance(part, str) for part in split_body(text))
