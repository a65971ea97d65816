"""Cleaning: page chrome out, every line of article prose kept, unicode normalised."""

from __future__ import annotations

import pytest

from framing.clean import clean, clean_corpus, cleaning_report
from framing.corpus import Corpus

# Every line cleaning must remove from the seeds, checked by hand against the files; every
# other non-blank line is article text (headline, standfirst, caption, prose) and must survive.
CHROME = {
    "000_565a437152e639db": {
        "Hutong Cat | Xi Jinping and Vladimir Putin: Friends with strategic benefits | World "
        "News - Hindustan Times",
        "close_game",
        "Mar 27, 2023 08:03 PM IST",
        # The caption is printed twice with a credit and once more as prose; the prose copy stays.
        "Ice cream, friendship, two joint statements and not-much sympathy for Ukrainians were "
        "put on display for all to see during Xi’s March 20-22 visit to Moscow. (AFP) PREMIUM",
        "Ice cream, friendship, two joint statements and not-much sympathy for Ukrainians were "
        "put on display for all to see during Xi’s March 20-22 visit to Moscow. (AFP)",
        "Sutirtho Patranobis, HT’s experienced China hand, writes a weekly column from Beijing, "
        "exclusively for HT Premium readers. He was previously posted in Colombo, Sri Lanka, "
        "where he covered the final phase of the civil war and its aftermath, and was based in "
        "Delhi for several years before that",
        "The views expressed are personal",
        "Discover the complete story of India's general elections on our exclusive Elections "
        "Product! Access all the content absolutely free on the HT App. Download now!",
        "Get Latest World News, Israel-Iran News Live along with Latest News from India at "
        "Hindustan Times.",
        "Continue reading with HT Premium Subscription",
        "Daily E Paper I Premium Articles I Brunch E Magazine I Daily Infographics",
        "freemium",
        "SHARE THIS ARTICLE ON",
        "Share this article",
        "SHARE",
        "Story Saved",
        "Live Score",
        "OPEN APP",
        "Saved Articles",
        "Following",
        "My Reads",
        "Sign out",
        "New Delhi 0C",
        "Thursday, April 18, 2024",
        "Start 14 Days Free Trial Subscribe Now",
        "Follow Us On",
    },
    "001_928cbda8d1da483e": set(),
    "002_b75b06b491c279b5": {"Leave a comment"},
    "003_4258631c146da81b": {
        "CDT EBOOKS",
        "Subscribe to CDT",
        "SUPPORT CDT",
        "Browsers Unbounded by Lantern",
        "Now, you can combat internet censorship in a new way: by toggling the switch below "
        'while browsing China Digital Times, you can provide a secure "bridge" for people who '
        "want to freely access information. This open-source project is powered by Lantern, "
        "know more about this project.",
        "Google Ads 1",
        "Giving Assistant",
        "Google Ads 2",
        "Anti-censorship Tools",
        "Life Without Walls",
        "Click on the image to download Firefly for circumvention",
        "Open popup",
        "X",
        "Welcome back!",
        "CDT is a non-profit media site, and we need your support. Your contribution will help "
        "us provide more translations, breaking news, and other content you love.",
    },
    "004_655f8c235e267823": {"Contributor/Getty Photos"},
}


@pytest.mark.parametrize("doc_id", sorted(CHROME))
def test_seed_chrome_removed_and_prose_kept(seeds, doc_id):
    doc = seeds[doc_id]
    result = clean(doc.text)
    removed = {r.text for r in result.removed}
    assert removed == CHROME[doc_id]
    for line in doc.text.splitlines():
        line = line.strip()
        if line and line not in CHROME[doc_id]:
            assert line in result.text, f"article text lost: {line[:80]!r}"


def test_seed_000_keeps_one_copy_of_the_caption(seeds):
    text = clean(seeds["000_565a437152e639db"].text).text
    caption = "Ice cream, friendship, two joint statements and not-much sympathy"
    assert text.count(caption) == 1
    assert "(AFP)" not in text and "PREMIUM" not in text


def test_removed_lines_have_line_numbers_and_reasons(seeds):
    result = clean(seeds["002_b75b06b491c279b5"].text)
    assert [(r.line, r.text, r.reason) for r in result.removed] == [
        (23, "Leave a comment", "comment prompt")
    ]
    assert seeds["002_b75b06b491c279b5"].text.splitlines()[22] == "Leave a comment"


def test_cleaning_report_covers_the_corpus(seeds):
    report = cleaning_report(seeds)
    assert report.columns.tolist() == ["doc_id", "line", "text", "reason"]
    # "close_game" stands on two lines; the set above names it once.
    assert len(report) == sum(len(lines) for lines in CHROME.values()) + 1
    assert set(report["reason"]) >= {
        "page title",
        "dateline",
        "repeated line",
        "share prompt",
        "subscribe prompt",
        "advertisement",
        "donation prompt",
        "photo credit",
        "author bio",
        "comment prompt",
    }


def test_clean_corpus_keeps_order(seeds):
    assert list(clean_corpus(seeds)) == [d.doc_id for d in seeds]


def test_unicode_normalisation_keeps_quotes():
    raw = "Xi\u00a0met Pu\u00adtin\u200b. Cafe\u0301 “friend” it’s ‘so’\tdone\r\nNext\x07 line"
    result = clean(raw)
    assert result.text == "Xi met Putin. Café “friend” it’s ‘so’ done\nNext line"
    assert result.flags == ("control_characters",)


def test_html_is_stripped_and_flagged():
    raw = (
        "<html><head><title>T</title><script>var x = 'Putin';</script></head><body>"
        "<p>Xi met <b>Putin</b> &amp; friends.</p><p>They &ldquo;talked&rdquo;.</p>"
        "<div>Share this article</div></body></html>"
    )
    result = clean(raw)
    assert "html" in result.flags
    assert "<" not in result.text and "var x" not in result.text
    assert "Xi met Putin & friends." in result.text
    assert "They “talked”." in result.text
    assert "Share this article" not in result.text


def test_mojibake_is_flagged():
    assert "mojibake" in clean("Xiâ€™s visit to Moscow.").flags


def test_prose_is_never_mistaken_for_chrome():
    prose = [
        "Share prices in Moscow fell after the visit.",
        "A limitless partnership",  # a subheading in seed 004
        "Xi met Putin.",
        "Support for Russia in Beijing is not unconditional, analysts say.",
        "The app economy of China dwarfs Russia's, he said.",
        "Comments by Putin on Friday angered Kyiv.",
    ]
    text = "\n".join(prose)
    assert clean(text).text == text


def test_closing_block_needs_a_strong_chrome_line():
    text = "Xi met Putin in Moscow.\nThe pair spoke.\nA short ending\nAnother label"
    assert clean(text).text == text


def test_ten_megabyte_single_line_document():
    text = "Xi met Putin in Moscow and they spoke of friendship. " * 200_000
    assert len(clean(text).text) == len(text.strip())


def test_empty_text():
    result = clean("   \n\n  ")
    assert (result.text, result.removed, result.flags) == ("", (), ())


def test_clean_corpus_accepts_documents():
    corpus = Corpus.from_texts(["Xi met Putin.\nSHARE"])
    assert clean_corpus(corpus.documents)["doc0001"].text == "Xi met Putin."


def test_breadcrumb_trail_is_chrome_but_home_in_prose_is_not():
    text = "Home | World | Asia\nXi met Putin.\nHome > News\nHome is where Putin feels safest."
    result = clean(text)
    assert [(r.line, r.reason) for r in result.removed] == [(1, "breadcrumb"), (3, "breadcrumb")]
    assert result.text == "Xi met Putin.\nHome is where Putin feels safest."
