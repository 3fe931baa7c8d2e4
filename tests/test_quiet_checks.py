"""The reference-free checks stay quiet on professional human translations (issue 16): number readers, negation
cues and the negation check's free-rendering gate, on real sentence pairs quoted from the development data's
flagged links (X-WMT news, TICO-19, the Bleualign document); and the false-alarm share of a fixed dev sample, where
that data is present."""
from __future__ import annotations

import pytest

from corpus.alignment import Alignment, Link
from corpus.model import make_document
from eval.checks import QualityChecker
from eval.polarity import cues


def _checker(src_lang, tgt_lang, pairs, checks):
    source = make_document("s", src_lang, [s for s, _ in pairs])
    target = make_document("t", tgt_lang, [t for _, t in pairs], role="human")
    links = [Link((k,), (k,)) for k in range(len(pairs))]
    return QualityChecker(source, target, Alignment(src_lang, tgt_lang, links), None, checks)


# -- negation cues -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, negated", [
    # тем не менее "nevertheless", а не "rather than", пока не "until" (TICO-19)
    ("ru", "Тем не менее, нарушение работы и отказ органов дыхания являются главной угрозой и причиной смерти"
           " пациентов.", False),
    ("ru", "(2) более внимательно отслеживать и реагировать на необычную информацию, поступающую из клиник, а не"
           " дожидаться официальных отчетов от врачей и чиновников;", False),
    ("ru", "Они остаются в своих естественных резервуарах, пока не возникнет возможность захвата новых территорий.",
     False),
    # не before a full participle or a gerund is lexical: non-immune individuals, without eliciting
    ("ru", "Разработка безопасной и эффективной вакцины против SARS-CoV-2 для лиц, не обладающих иммунитетом,"
           " является неотложной и критически важной задачей.", False),
    ("ru", "Они уверенно реплицируются, не вызывая сильного иммунного отклика у носителя.", False),
    # ... but not before a short form (a predicate) or a verb, and нечего is a negation
    ("ru", "Пока что не установлено, влияет ли на риск тяжелого заболевания, связанного с COVID-19, тяжесть или"
           " уровень контроля сопутствующего заболевания.", True),
    ("ru", "Согласно официальным документам, Ли Вейн получил иск, но не ответил на него, поэтому судья вынес заочное"
           " решение против Weezy.", True),
    ("ru", "“Я думаю, мнение о том, что здесь нечего раскапывать -- это заблуждение”, - говорит Питер Магии.", True),
    ("ru", "На момент составления данного документа нет подтвержденной эффективной противовирусной терапии.", True),
    # English: set phrases with "not", n't with a typographic apostrophe, "fail to"
    ("en", "Last but not least, the evolution of novel HCoVs is also driven by the selection pressure in their"
           " reservoir hosts.", False),
    ("en", "patients with underlying health conditions and risk factors, including, but not limited to, diabetes"
           " mellitus, hypertension, COPD", False),
    ("en", "U.S. businesses may be showing some signs of weakness, but that shouldn’t scare you away from buying"
           " the stock of two office furniture companies.", True),
    ("en", "Owners can face heavy on-the-spot fines if they fail to provide basics like shelter, food and water.",
     True),
    # French: rien negates without ne; jamais in a question is "ever" (Bleualign)
    ("fr", "Rien de nouveau à signaler au Dhaulagiri Himal, formidable muraille couronnée de six sommets dépassant"
           " les 7000 m (voir Les Alpes 1956, p. 82).", True),
    ("fr", "Combien de personnes, dans cette île étroite et surpeuplée qu'est la Grande-Bretagne - ou en Suisse"
           " -combien ont jamais vu un blaireau en liberté ?", False),
    # Kazakh: the negative verbal noun with a possessive, and the negative conditional (X-WMT)
    ("kk", "Парламент мүшелері Ұлыбританияның ЕО-дан ресми келісімсіз шықпауы үшін Борис Джонсонмен және оның"
           " кабинетімен қатты күресуде.", True),
    ("kk", "Бейсенбі күні сот DXX Сахараның қамауға алынған баспагері О.Мойеле Суорені босатпауына жауап ретінде"
           " ескерту жасады.", True),
    ("kk", "Егер үй жануарлары иелері баспана, азық-түлік және су сияқты қарапайым қажеттіліктермен қамтамасыз ете"
           " алмаса, оларға дереу үлкен мөлшерде айыппұл салынуы мүмкін.", True),
    ("kk", "Ядролық қаруды таратпау туралы шарт.", False),
])
def test_negation_cues_of_real_sentences(lang, text, negated):
    assert bool(cues(text, lang)) == negated, cues(text, lang)


# Real TICO-19 sentence pairs in which neither side is negated (two repeated: a document of twenty).
AGREEING = [
    ("Аналогичной была ситуация с диагностированием SARS.", "A similar situation also occurred with the diagnosis of"
                                                           " SARS."),
    ("Для лечения предлагалось использовать даже плазму выздоровевших пациентов.",
     "Even plasma from recovered patients was proposed to be used for treatment."),
    ("Фармацевтические компании торопятся разработать антитела и вакцины для борьбы с вирусом.",
     "Pharmaceutical companies are racing to develop antibodies and vaccines against the virus."),
    ("Так мы сможем сразу перейти к массовому производству антител.",
     "This way, we can readily scale up the production of the antibodies."),
    ("Китайцы тысячелетиями использовали традиционную медицину для лечения различных болезней.",
     "TCM has been used to treat a variety of diseases in China for thousands of years."),
    ("В ходе исследований на животных были разработаны живые ослабленные вакцины от вирусов SARS.",
     "Live-attenuated vaccines have been evaluated in animal models for SARS."),
    ("В большинстве случаев пациентам удается постепенно выздороветь без осложнений.",
     "In most cases, patients can recover gradually without sequelae."),
    ("Кардиологические явления также были основной причиной смерти пациентов с SARS.",
     "Cardiac events were also the main reason for death in SARS patients."),
    ("Поэтому они традиционно являются маркерами сердечной или печеночной дисфункции.",
     "Thus, they are traditional markers for heart or liver dysfunctions."),
    ("Но за счет строгого карантина и изоляции болезнь в конце концов удалось взять под контроль.",
     "However, via strict quarantine and isolation, the disease has eventually been put under control."),
    ("Более того, пики в новых случаях оценивались с помощью дистрибутивных методов.",
     "Furthermore, peaks in new cases have been estimated by distributional methods."),
    ("Это было подтверждено отделом Caldicott Guardian в PHE.", "This has been confirmed by PHE’s Caldicott Guardian’s"
                                                               " Office."),
    ("Все полученные пробы были протестированы на грипп и COVID-19.",
     "All samples received are being tested for influenza and COVID-19."),
    ("Обеспечение безопасности врачебной практики является нашей первоочередной задачей.",
     "Safety of practices is our primary concern."),
    ("Основные ограничения нашей системы связаны с количеством точек сбора данных.",
     "The principal limitations of our system are the number of data points."),
    ("В настоящее время соответствующая отчетность будет предоставляться нами еженедельно.",
     "Currently, we will be reporting weekly."),
    ("11 марта 2020 г. ВОЗ квалифицировала COVID-19 как пандемию.", "On 11 March 2020, WHO characterized COVID-19 as a"
                                                                    " pandemic."),
    ("Эта публикация привлекла к себе огромное внимание.", "It has attracted a great attention since published."),
    ("Более того, пики в новых случаях оценивались с помощью дистрибутивных методов.",
     "Furthermore, peaks in new cases have been estimated by distributional methods."),
    ("Все полученные пробы были протестированы на грипп и COVID-19.",
     "All samples received are being tested for influenza and COVID-19."),
]
# A lexical rendering each way: не дают ... разлетаться / prevent (TICO-19), по чисто политическим причинам / for no
# reason other than politics (X-WMT)
SOURCE_ONLY = ("Хирургические маски не дают микрокаплям жидкости от потенциально инфицированных разлетаться в воздухе.",
               "Surgical face masks prevent liquid droplets from a potentially infected individual from traveling"
               " through the air.")
TARGET_ONLY = ("Мэр Сан-Франциско Лондон Брид обвинила Трампа в «нападках» на ее город «по чисто политическим"
               " причинам».", "San Francisco Mayor London Breed accused Trump of \"taking swipes\" at her city for \"no"
                              " reason other than politics\".")


def test_negation_that_differs_both_ways_is_a_free_rendering_and_not_checked():
    checker = _checker("ru", "en", [*AGREEING, SOURCE_ONLY, TARGET_ONLY], ["negation"])
    quality = checker.assess()
    negation = checker.member("negation")
    assert negation.disagreement <= negation.thresholds["max_disagreement"]
    assert negation.two_way > negation.thresholds["max_two_way"]
    assert not [f for link in quality.links for f in link.flags]
    assert any("in both directions" in note for note in quality.notes)


def test_negation_added_one_way_is_still_flagged():
    """The same document with the lexical renderings replaced by a "not" the translation added: one direction only,
    as an MT error leaves it, so the check applies and flags that link."""
    added = (AGREEING[0][0], "A similar situation did not occur with the diagnosis of SARS.")
    checker = _checker("ru", "en", [*AGREEING, added], ["negation"])
    quality = checker.assess()
    assert checker.member("negation").two_way == 0.0
    assert [k for k, link in enumerate(quality.links) if link.flags] == [len(AGREEING)]
