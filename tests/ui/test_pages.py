"""Each page's logic in Streamlit's AppTest, against the real API on loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import ApiServer, free_port, stored_feedback

pytestmark = pytest.mark.server

UI = Path(__file__).resolve().parents[2] / "ui"
TIMEOUT = 120


def page(name: str, **state: Any) -> AppTest:
    at = AppTest.from_file(str(UI / "views" / f"{name}.py"), default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def ask(at: AppTest, text: str) -> AppTest:
    return at.chat_input[0].set_value(text).run()


def answers(at: AppTest) -> list[dict[str, Any]]:
    return [x["answer"] for x in at.session_state["history"] if x.get("answer")]


def texts(elements: Any) -> list[str]:
    return [str(e.value) for e in elements]


def test_english_answer_has_citations_build_panel_followups_and_feedback(ui_env: ApiServer) -> None:
    at = ask(page("chat"), "How long can molds stay in Mexico?")
    assert not at.exception
    [answer] = answers(at)
    assert answer["status"] == "answered" and answer["lang"] == "en"
    assert answer["citations"], "a covered question must come back with citations"
    labels = [e.label for e in at.expander]
    assert any(label.startswith("[1] ") for label in labels)
    assert "How this answer was built" in labels
    assert any("Decreto IMMEX" in m for m in texts(at.markdown))  # legal reference in a citation
    # The API's plain-text source list is hidden: the same sources are the expanders.
    assert all(m == "**Sources**" for m in texts(at.markdown) if "**Sources**" in m)
    follow_ups = [b for b in at.button if (b.key or "").startswith("fu_")]
    assert [b.label for b in follow_ups] == answer["follow_ups"]
    assert len(at.feedback) == 1
    assert not at.error


def test_follow_up_button_asks_it(ui_env: ApiServer) -> None:
    at = ask(page("chat"), "What is IMMEX?")
    first_follow_up = next(b for b in at.button if (b.key or "").startswith("fu_"))
    label = first_follow_up.label
    at = first_follow_up.click().run()
    history = at.session_state["history"]
    assert [x["role"] for x in history] == ["user", "assistant", "user", "assistant"]
    assert history[2]["content"] == label


def test_spanish_question_switches_answer_and_ui_language(ui_env: ApiServer) -> None:
    at = ask(page("chat"), "¿Cuánto tiempo pueden quedarse los moldes en México?")
    [answer] = answers(at)
    assert answer["lang"] == "es" and answer["citations"]
    assert at.title[0].value == "Pregunte sobre IMMEX"
    assert "Cómo se construyó esta respuesta" in [e.label for e in at.expander]


def test_language_selector_forces_the_answer_language(ui_env: ApiServer) -> None:
    at = ask(page("chat", lang_choice="es"), "What is IMMEX?")
    assert answers(at)[0]["lang"] == "es"


def test_statuses_are_marked(ui_env: ApiServer) -> None:
    at = ask(page("chat"), "How do I get a drawback program in Brazil?")
    status = answers(at)[0]["status"]
    assert status in ("out_of_scope", "not_covered")
    marker = "Out of scope" if status == "out_of_scope" else "Not covered"
    assert any(marker in w for w in texts(at.warning))
    at = ask(at, "Can my company apply? We export USD 300,000 a year.")
    last = answers(at)[-1]
    assert last["status"] == "needs_info"
    assert any("More information needed" in i for i in texts(at.info))
    assert any(r["rule_id"] == "export_commitment" for r in last["rule_results"])


def test_sales_view_adds_references_email_and_transcript(ui_env: ApiServer) -> None:
    at = ask(page("chat", audience="sales"), "How long can raw materials stay in Mexico?")
    [answer] = answers(at)
    refs = {r for c in answer["citations"] for r in c["references"]}
    email = at.code[0].value
    assert email.startswith("Hello,") and any(ref in email for ref in refs)
    assert any(c.value.startswith("Legal references:") for c in at.caption)
    assert at.get("download_button"), "sales view offers the Markdown transcript"


def test_feedback_is_stored(ui_env: ApiServer) -> None:
    at = ask(page("chat"), "What is IMMEX?")
    answer_id = answers(at)[0]["answer_id"]
    at = at.feedback[0].set_value(0).run()
    at.selectbox(key=f"fb_reason_{answer_id}").set_value("unclear")
    at.text_area(key=f"fb_comment_{answer_id}").set_value("UI test comment")
    at = at.button(key=f"fb_send_{answer_id}").click().run()
    assert any("feedback was stored" in c.value for c in at.caption)
    mine = [f for f in stored_feedback(ui_env) if f.get("answer_id") == answer_id]
    assert len(mine) == 1
    assert (mine[0]["rating"], mine[0]["reason"], mine[0]["comment"]) == (
        "down",
        "unclear",
        "UI test comment",
    )


def test_api_down_shows_banner_and_keeps_history(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_UI_API_URL", f"http://127.0.0.1:{free_port()}")
    earlier = [
        {"role": "user", "content": "earlier question"},
        {"role": "assistant", "content": "earlier reply"},
    ]
    at = ask(page("chat", history=list(earlier)), "What is IMMEX?")
    assert not at.exception
    [banner] = at.error
    assert "not reachable" in banner.value and "Retry" in [b.label for b in at.button]
    assert "Traceback" not in banner.value
    history = at.session_state["history"]
    assert history[:2] == earlier and history[2]["content"] == "What is IMMEX?"
    at = at.button(key="chat_retry").click().run()  # still down: same banner, nothing lost
    assert len(at.error) == 1 and len(at.session_state["history"]) == 3


def test_retry_after_the_api_comes_back_answers_the_kept_question(
    ui_env: ApiServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_UI_API_URL", f"http://127.0.0.1:{free_port()}")
    at = ask(page("chat"), "What is IMMEX?")
    assert at.error
    monkeypatch.setenv("ASSISTANT_UI_API_URL", ui_env.url)
    at = at.button(key="chat_retry").click().run()
    assert not at.error
    assert [x["role"] for x in at.session_state["history"]] == ["user", "assistant"]


def _rule_ids(server: ApiServer) -> list[str]:
    return [r["id"] for r in httpx.get(f"{server.url}/api/v1/rules", timeout=10).json()]


def test_eligibility_form_per_rule_from_schemas(ui_env: ApiServer) -> None:
    at = page("eligibility")
    assert sorted(at.selectbox(key="elig_rule").options) == sorted(
        at.selectbox(key="elig_rule").format_func(r) for r in _rule_ids(ui_env)
    )
    for rule_id in _rule_ids(ui_env):  # every rule's schema renders without an exception
        at = at.selectbox(key="elig_rule").set_value(rule_id).run()
        assert not at.exception, rule_id


def test_eligibility_export_commitment_in_english_and_spanish(ui_env: ApiServer) -> None:
    at = page("eligibility")
    at = at.selectbox(key="elig_rule").set_value("export_commitment").run()
    at.number_input(key="rule_export_commitment__exports").set_value(600000.0)
    at.selectbox(key="rule_export_commitment__currency").set_value("USD")
    at = at.button[0].click().run()
    assert any(s.value.startswith("**Meets**") for s in at.success)
    assert any("Decreto IMMEX, art. 11" in m for m in texts(at.markdown))
    at.session_state["lang_choice"] = "es"
    at = at.run()
    assert any(s.value.startswith("**Cumple**") for s in at.success)


def test_eligibility_unknown_inputs_give_needs_info(ui_env: ApiServer) -> None:
    at = page("eligibility", lang_choice="es")
    at = at.selectbox(key="elig_rule").set_value("premises").run()
    at = at.button[0].click().run()
    assert any(w.value.startswith("**Falta información**") for w in at.warning)


def test_deadline_calculators(ui_env: ApiServer) -> None:
    import datetime as dt

    at = page("deadlines")
    at.selectbox(key="dl_category").set_value("materials")
    at.date_input(key="dl_import_date").set_value(dt.date(2026, 1, 10))
    at = at.button[0].click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Deadline"] == "2027-07-12"  # 18 months, moved off a Saturday
    at.number_input(key="dl_fiscal_year").set_value(2025)
    at = at.button[1].click().run()
    assert "2026-05-29" in [m.value for m in at.metric]  # last business day of May
    assert any("Decreto IMMEX" in m for m in texts(at.markdown))


def test_sources_filter_and_read(ui_env: ApiServer) -> None:
    at = page("sources")
    everything = at.selectbox(key="src_note").options
    assert len(everything) > 10
    at = at.selectbox(key="src_lang").set_value("es").run()
    spanish = at.selectbox(key="src_note").options
    assert 0 < len(spanish) < len(everything) and all(o.endswith("(es)") for o in spanish)
    at = at.text_input(key="src_q").set_value("PROSEC").run()
    assert 0 < len(at.selectbox(key="src_note").options) <= len(spanish)
    note_id = str(at.selectbox(key="src_note").value)
    at = at.run()
    assert at.subheader and at.subheader[0].value
    assert note_id in " ".join(c.value for c in at.caption)


def test_whole_app_navigates_all_pages(ui_env: ApiServer) -> None:
    at = AppTest.from_file(str(UI / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception and at.title[0].value == "Ask about IMMEX"
    for name, title in (
        ("eligibility", "Eligibility checker"),
        ("deadlines", "Deadlines"),
        ("sources", "Sources"),
    ):
        at = at.switch_page(f"views/{name}.py").run()
        assert not at.exception, name
        assert at.title[0].value == title


def test_long_conversation_still_answers_and_keeps_all_turns(ui_env: ApiServer) -> None:
    old = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"turn {i}"} for i in range(60)
    ]
    at = ask(page("chat", history=list(old)), "What is IMMEX?")
    assert not at.error
    history = at.session_state["history"]
    assert history[:60] == old and len(history) == 62
    assert history[-1]["answer"]["status"] == "answered"
