// The wording table: every statement of a derivation and every phrase of an explanation, in
// English and in Russian (wording.h). Placeholders: {name} is the figure; {name|one|many} (English)
// and {name|one|few|many} (Russian) add the noun in the number's plural form; a figure "@term"
// is itself a row of the table.
#include "concord/wording.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace concord {
namespace {

struct Row {
  std::string_view code, en, ru;
};

// THE table. Keep the English as the engine has always worded it: golden files check it.
constexpr Row kRows[] = {
    // Consensus and unanimity.
    {"nobody_takes_part", "nobody takes part", "никто не участвует"},
    {"no_objection", "no official objection among {n|member|members} taking part",
     "официальных возражений нет; участвуют {n|член|члена|членов}"},
    {"objected", "objected: {list}", "возразили: {list}"},
    {"objections_allowed", "up to {k} objection(s) allowed", "допускается возражений: до {k}"},
    {"abstained_not_blocking", "abstained (does not block): {list}", "воздержались (не препятствует): {list}"},
    {"objection_disregarded", "objection of {list} disregarded (consensus minus the State concerned)",
     "возражение {list} не учитывается (консенсус минус заинтересованное государство)"},
    {"unanimity_in_favour", "{yes} of {n} taking part in favour", "за — {yes} из {n} участвующих"},
    {"not_in_favour", "not in favour: {list}", "не поддержали: {list}"},
    {"abstained_not_preventing", "abstained (does not prevent unanimity): {list}",
     "воздержались (не препятствует единогласию): {list}"},
    {"nobody_in_favour", "nobody in favour", "никто не поддержал"},
    {"constructive_members", "abstainers are {n} of {of} members ({frac} blocks)",
     "воздержались {n} из {of} членов (блокирует {frac})"},
    {"constructive_weight", "they hold {pct} of {weight} ({frac} blocks)",
     "у них {pct} показателя «{weight}» (блокирует {frac})"},
    // Majorities.
    {"in_favour", "{yes} of {of} {unit} in favour", "за — {yes} из {of} ({unit})"},
    {"in_favour_share", "{yes} of {of} {unit} in favour ({pct})", "за — {yes} из {of} ({unit}; {pct})"},
    {"in_favour_weight", "{pct} of the {weight} of the {base} in favour",
     "за — {pct} показателя «{weight}» ({base})"},
    {"needed_at_least", "at least {what} needed", "требуется не менее {what}"},
    {"needed_more_than", "more than {what} needed", "требуется более {what}"},
    {"nobody_to_count", "nobody to count", "некого считать"},
    {"tie_no_chair", "a tie, and no chair to break it", "голоса разделились поровну, а председателя нет"},
    {"tie_chair_for", "tie broken by the chair's casting vote ({chair} in favour)",
     "при равенстве голосов решил голос председателя ({chair} — за)"},
    {"tie_chair_against", "tie broken by the chair's casting vote ({chair} not in favour)",
     "при равенстве голосов решил голос председателя ({chair} — не за)"},
    {"not_in_favour_n", "{n|member|members} not in favour", "не поддержали: {n|член|члена|членов}"},
    {"not_in_favour_n_list", "{n|member|members} not in favour ({list})",
     "не поддержали: {n|член|члена|членов} ({list})"},
    {"blocking_minority_needs", "a blocking minority needs {needed} members",
     "для блокирующего меньшинства нужно членов: {needed}"},
    {"blocking_minority_needs_weight",
     "a blocking minority needs {needed} members (the fewest holding more than {frac} of the {weight} "
     "taking part, plus one)",
     "для блокирующего меньшинства нужно членов: {needed} (наименьшее число участвующих, у которых более "
     "{frac} показателя «{weight}», плюс один)"},
    {"no_blocking_minority", ": no blocking minority", ": блокирующего меньшинства нет"},
    {"blocking_minority_reached", ": blocking minority reached", ": блокирующее меньшинство набрано"},
    // Vetoes and silence.
    {"no_veto", "no veto-holder voted against", "никто из обладающих правом вето не голосовал против"},
    {"vetoed_by", "vetoed by {list}", "вето: {list}"},
    {"veto_holders_abstaining", "abstaining or absent (not a veto): {list}",
     "воздержались или отсутствовали (это не вето): {list}"},
    {"silence_not_opened", "no silence procedure was opened", "процедура молчания не открывалась"},
    {"silence_broken", "silence broken by {list}", "молчание нарушили: {list}"},
    {"silence_deadline_not_passed", "the silence deadline has not passed", "срок процедуры молчания не истёк"},
    {"silence_kept", "nobody broke silence before the deadline", "до истечения срока молчание никто не нарушил"},
    // Combinations.
    {"all_of", "all of {rules}: {passed} of {n} passed", "все из ({rules}): выполнено {passed} из {n}"},
    {"any_of", "any of {rules}: {passed} of {n} passed", "любое из ({rules}): выполнено {passed} из {n}"},
    // Quorum, absence, non-objection.
    {"present", "{n} of {of} members present", "присутствуют {n} из {of} членов"},
    {"present_or_non_objection", "{n} of {of} members present or declaring non-objection",
     "присутствуют или заявили, что не возражают, {n} из {of} членов"},
    {"all_members_needed", "all members needed", "требуются все члены"},
    {"present_weight", "members present hold {pct} of the {weight}",
     "у присутствующих {pct} показателя «{weight}»"},
    {"absent", "absent: {list}", "отсутствуют: {list}"},
    {"quorum_not_met", "quorum not met:", "кворума нет:"},
    {"proceeds_ad_referendum", "the matter proceeds ad referendum", "вопрос решается ad referendum"},
    {"no_quorum_no_decision", "without a quorum this body decides nothing on this matter",
     "без кворума этот орган по данному вопросу не решает"},
    {"absence_blocks", "absence counts as an objection: {list} absent",
     "отсутствие считается возражением: отсутствуют {list}"},
    {"adopted_ad_referendum", "adopted ad referendum by those present", "принято ad referendum присутствующими"},
    {"pending_accession_of", "pending the accession of {list}", "ожидается присоединение: {list}"},
    {"declared_non_objection", "{list} declared non-objection", "{list}: заявлено, что не возражает"},
    {"limited_format_not_bound", ": adoption in limited format, not bound",
     ": принятие в ограниченном формате, не связан(ы) решением"},
    // The explanation of a decision around its derivation.
    {"x.tabled", "  {kind} on a {matter} matter, tabled at {session} ({body}) on {date}, judged under charter version {version}",
     "  {kind}; вопрос {matter}; внесён на сессии {session} ({body}) {date}; оценивается по редакции: {version}"},
    {"x.status", "  status: {status}", "  статус: {status}"},
    {"x.provisional", " (applied provisionally among the signatories)", " (применяется временно среди подписавших)"},
    {"x.put_to_decision", "  put to decision on {at}", "  поставлен на решение {at}"},
    {"x.reason", "  reason: {reason}", "  причина: {reason}"},
    {"x.derivation", "Derivation", "Обоснование"},
    {"x.awaiting_entry_into_force", "  not yet in force: accepted by {n} of {of} members",
     "  ещё не вступило в силу: приняли {n} из {of} членов"},
    {"x.in_force", "  in force since {date}: accepted by {n} of {of} members",
     "  вступило в силу {date}: приняли {n} из {of} членов"},
    {"x.amends", "  an amendment to {draft}", "  поправка к проекту {draft}"},
    {"x.amendments", "  amendments adopted: {adopted}; rejected: {rejected}",
     "  поправки приняты: {adopted}; отклонены: {rejected}"},
    {"x.amendments_pending", "; pending: {list}", "; не рассмотрены: {list}"},
    {"x.nobody_amendment", "none", "нет"},
    {"x.not_verified", "(not verified against the primary text: {note})", "(не сверено с первоисточником: {note})"},
    {"x.members", "Members", "Члены"},
    {"x.binding_on", "  binding on: {list}", "  обязательно для: {list}"},
    {"x.nobody", "nobody", "никого"},
    {"x.after_session", "After the session", "После сессии"},
    {"x.transmitted", "text transmitted to {member}", "текст передан {member}"},
    {"x.via", " via {via}", " (канал: {via})"},
    {"x.acceded", "{member} acceded", "{member} присоединился"},
    {"x.with_reservation", " with a reservation: {reservation}", " с оговоркой: {reservation}"},
    {"x.refused_objecting", "{member} refused to accede, objecting to adoption by the others",
     "{member} отказался присоединиться, возражая против принятия решения другими"},
    {"x.refused_not_objecting", "{member} refused to accede, without objecting to adoption by the others",
     "{member} отказался присоединиться, не возражая против принятия решения другими"},
    {"verdict.passed", "passed", "выполнено"},
    {"verdict.failed", "failed", "не выполнено"},
    {"verdict.noted", "noted", "отмечено"},
    {"rule.quorum", "quorum", "кворум"},
    {"rule.absence", "absence", "отсутствие"},
    {"rule.non_objection", "non_objection", "заявление о невозражении"},
    {"rule.consensus", "consensus", "консенсус"},
    {"status.pending", "pending", "на рассмотрении"},
    {"status.adopted", "adopted", "принято"},
    {"status.adopted_limited", "adopted_limited", "принято в ограниченном формате"},
    {"status.pending_accession", "pending_accession", "принято ad referendum, ожидает присоединения"},
    {"status.not_adopted", "not_adopted", "не принято"},
    {"status.returned", "returned", "возвращено на доработку"},
    {"status.withdrawn", "withdrawn", "отозвано"},
    {"member.signed", "signed", "подписал"},
    {"member.signed_with_reservation", "signed_with_reservation", "подписал с оговоркой"},
    {"member.acceded", "acceded", "присоединился"},
    {"member.acceded_with_reservation", "acceded_with_reservation", "присоединился с оговоркой"},
    {"member.not_interested", "not_interested", "заявил о незаинтересованности"},
    {"member.objected", "objected", "возразил"},
    {"member.abstained", "abstained", "воздержался"},
    {"member.pending", "pending", "ожидается присоединение"},
    {"member.refused", "refused", "отказался присоединиться (без возражений)"},
    {"member.refused_objects", "refused_objects", "отказался присоединиться, возражая"},
    {"member.non_objection", "non_objection", "не возражает (не связан решением)"},
    {"member.absent", "absent", "отсутствовал"},
    {"member.in_favour", "in_favour", "голосовал за"},
    {"member.not_voting", "not_voting", "не участвовал в голосовании"},
    {"member.vote_suspended", "vote_suspended", "право голоса приостановлено"},
    {"member.objection_disregarded", "objection_disregarded", "возражение не учитывается"},
    {"kind.decision", "decision", "решение"},
    {"kind.protocol_decision", "protocol_decision", "протокольное решение"},
    {"kind.declaration", "declaration", "декларация"},
    {"kind.regulation", "regulation", "положение"},
    {"kind.appointment", "appointment", "назначение"},
    {"kind.budget", "budget", "бюджет"},
    {"kind.agreement", "agreement", "соглашение"},
    {"kind.statement", "statement", "заявление"},
    {"kind.resolution", "resolution", "резолюция"},
    {"matter.substantive", "substantive", "по существу"},
    {"matter.procedural", "procedural", "процедурный"},
    // The chronology of a request.
    {"r.header", "{id}: {member} requested assistance under {basis} on {at}{against}, seeking {sought}.",
     "{id}: {member} запросил помощь на основании: {basis}, {at}{against}; запрошено: {sought}."},
    {"r.against", ", against {against}", ", в отношении {against}"},
    {"r.chronology", "Chronology (day 0 is the day of the request, in local dates)",
     "Хронология (день 0 — день запроса, по местным датам)"},
    {"r.day", "day {day} ({date}, {hours} h): ", "день {day} ({date}, {hours} ч): "},
    {"r.not_reached", "not reached: the procedure's stage '{stage}'", "не достигнут этап процедуры «{stage}»"},
    {"r.submitted", "request submitted by {member}", "запрос направлен: {member}"},
    {"r.consultation", "consultations held", "проведены консультации"},
    {"r.session", "session of the {body}", "сессия: {body}"},
    {"r.decision", "decision adopted", "принято решение"},
    {"r.not_adopted", "draft not adopted", "проект не принят"},
    {"r.on", " on {what}", ": {what}"},
    {"r.returned", "draft sent back for rework", "проект возвращён на доработку"},
    {"r.in_brackets", " ({what})", " ({what})"},
    {"r.offered", "{measure} offered", "предложено: {measure}"},
    {"r.accepted", "{measure} accepted by {member}", "{measure}: принято государством {member}"},
    {"r.declined", "{measure} declined by {member}", "{measure}: отклонено государством {member}"},
    {"r.condition", " (condition: {condition})", " (условие: {condition})"},
    {"r.refused", "{measure} refused by the organization", "{measure}: организация отказала"},
    {"r.deployed", "{measure} deployed", "{measure}: развёрнуто"},
    {"r.withdrawal_started", "withdrawal of {measure} began", "начат вывод: {measure}"},
    {"r.completed", "{measure} completed", "{measure}: завершено"},
    {"r.closed", "request closed", "запрос закрыт"},
    {"r.colon", ": {what}", ": {what}"},
    {"r.stage", "stage {stage}", "этап {stage}"},
    {"r.limit_days", " [limit {n} days: {verdict}]", " [срок {n} дн.: {verdict}]"},
    {"r.limit_hours", " [limit {n} h: {verdict}]", " [срок {n} ч: {verdict}]"},
    {"r.overdue", "OVERDUE", "ПРОСРОЧЕНО"},
    {"r.in_time", "in time", "в срок"},
    {"r.never_offered", "Sought but never offered: {list}", "Запрошено, но не предложено: {list}"},
    {"r.refused_list", "Refused by the organization: {list}", "Организация отказала: {list}"},
    {"r.declined_list", "Offered and declined: {list}", "Предложено и отклонено: {list}"},
    {"r.all_declined", "Every measure offered was declined.", "Все предложенные меры отклонены."},
    {"r.none", "none", "нет"},
    {"r.status", "Status: {status}", "Статус: {status}"},
    {"r.closed_on", " on {date}", " {date}"},
    {"request.open", "open", "открыт"},
    {"request.answered", "answered", "получен ответ"},
    {"request.closed", "closed", "закрыт"},
    {"measure.consultations", "consultations", "консультации"},
    {"measure.political_assessment", "political assessment", "политическая оценка"},
    {"measure.fact_finding_mission", "fact finding mission", "миссия по установлению фактов"},
    {"measure.observation_mission", "observation mission", "миссия наблюдателей"},
    {"measure.military_technical_assistance", "military technical assistance", "военно-техническая помощь"},
    {"measure.collective_forces", "collective forces", "коллективные силы"},
    {"outcome.measure_completed", "measure completed", "меры выполнены"},
    {"outcome.removed_from_agenda_at_requester_request", "removed from agenda at requester request",
     "снят с повестки по просьбе запросившего государства"},
    {"format.video", "video", "по видеосвязи"},
    {"format.in_person", "in person", "очно"},
    {"format.phone", "phone", "по телефону"},
    {"via.conciliation_commission", "conciliation commission", "согласительная комиссия"},
    {"stage.registered", "registered", "регистрация"},
    {"stage.consultations", "consultations", "консультации"},
    {"stage.session", "session", "сессия"},
    {"stage.decision", "decision", "решение"},
    {"stage.offer", "offer", "предложение мер"},
    {"stage.answer", "answer", "ответ на предложение"},
    {"stage.deployment", "deployment", "развёртывание"},
    {"stage.completion", "completion", "завершение"},
    {"stage.closure", "closure", "закрытие"},
    // Terms used as figures.
    {"members", "members", "все члены"},
    {"members_present", "members present", "присутствующие"},
    {"members_taking_part", "members taking part", "участвующие"},
    {"members_voting", "members voting", "голосующие"},
    {"members_entitled", "members entitled to take part", "члены, имеющие право участвовать"},
};

const Row* Find(std::string_view code) {
  for (const Row& r : kRows) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

std::string_view In(const Row& row, std::string_view lang) { return lang == "ru" ? row.ru : row.en; }

// The plural form of `n`: English one/many; Russian one/few/many.
std::size_t PluralForm(std::int64_t n, std::size_t forms) {
  if (forms == 2) return n == 1 ? 0 : 1;
  const std::int64_t m10 = n % 10, m100 = n % 100;
  if (m10 == 1 && m100 != 11) return 0;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 1;
  return 2;
}

std::string Fill(std::string_view text, std::string_view lang,
                 const std::vector<std::pair<std::string, std::string>>& args) {
  auto value = [&](std::string_view name) -> std::string {
    for (const auto& [k, v] : args) {
      if (k != name) continue;
      if (!v.empty() && v[0] == '@') {
        const Row* term = Find(std::string_view(v).substr(1));
        return term ? std::string(In(*term, lang)) : v.substr(1);
      }
      // Russian writes a decimal comma: "55,6 %".
      if (lang == "ru" && (name == "pct")) {
        std::string out = v;
        std::replace(out.begin(), out.end(), '.', ',');
        return out;
      }
      return v;
    }
    return "{" + std::string(name) + "}";
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    if (open == std::string_view::npos) {
      out += text.substr(i);
      break;
    }
    out += text.substr(i, open - i);
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) {
      out += text.substr(open);
      break;
    }
    const std::string_view inner = text.substr(open + 1, close - open - 1);
    const std::size_t bar = inner.find('|');
    if (bar == std::string_view::npos) {
      out += value(inner);
    } else {
      // {n|one|few|many}: the number and its noun.
      std::vector<std::string_view> forms;
      std::size_t j = bar + 1;
      while (j <= inner.size()) {
        const std::size_t k = std::min(inner.find('|', j), inner.size());
        forms.push_back(inner.substr(j, k - j));
        j = k + 1;
      }
      const std::string n = value(inner.substr(0, bar));
      std::int64_t count = 0;
      std::from_chars(n.data(), n.data() + n.size(), count);
      out += n + " " + std::string(forms[PluralForm(count, forms.size())]);
    }
    i = close + 1;
  }
  return out;
}

}  // namespace

bool Speaks(std::string_view lang) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), lang) != std::end(kLanguages);
}

std::string Phrase(std::string_view code, std::string_view lang,
                   const std::vector<std::pair<std::string, std::string>>& args) {
  const Row* row = Find(code);
  if (!row) return std::string(code);
  return Fill(In(*row, Speaks(lang) ? lang : "en"), lang, args);
}

std::string Term(std::string_view group, std::string_view code, std::string_view lang) {
  std::string key(group);
  key += ".";
  key += code;
  if (const Row* row = Find(key)) return std::string(In(*row, Speaks(lang) ? lang : "en"));
  std::string words(code);  // a code the table does not know: its words
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

std::string Render(const std::vector<Statement>& statements, std::string_view lang) {
  std::string out;
  for (const Statement& s : statements) {
    const std::string words = Phrase(s.code, lang, s.args);
    const bool attaches = words.rfind(": ", 0) == 0 || words.rfind(" (", 0) == 0;
    if (!out.empty() && !attaches) out += out.back() == ':' ? " " : "; ";
    out += words;
  }
  return out;
}

}  // namespace concord
