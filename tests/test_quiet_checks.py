"""The reference-free checks stay quiet on professional human translations (issue 16): number readers, negation
cues and the negation check's free-rendering gate, on real sentence pairs quoted from the development data's
flagged links (X-WMT news, TICO-19, the Bleualign document); and the false-alarm share of a fixed dev sample, where
that data is present."""
from __future__ import annotations

import pytest

from corpus.alignment import Alignment, Link
from corpus.model import make_document
from eval.checks import QualityChecker
from eval.language import paragraph_language
from eval.numbers import compare, extract
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
    # Kazakh look-alikes: немесе "or", жабады "covers" (жап-), қамауында "in custody", жылжымайтын мүлік "real
    # estate" (X-WMT, --offset 600) ...
    ("kk", "Жексенбіде Токиодағы стадиондағы қақтығыс D тобының жеңімпазын анықтап, оларды Францияға немесе"
           " Аргентинаға қарсы ширек финалға дайындайтын шығар.", False),
    ("kk", "Қанат қорғаушысы Аарон Шинглер Джейк Болл мен Алун Уэйн Джонстың негізгі сейфтері үшін екінші қатардағы"
           " қорғанысты тағы да жабады.", False),
    ("kk", "Дипак Талвар қазір сот қамауында.", False),
    ("kk", "Мәселе қалада өте өткір болды, онда шетелдік меншік иелерінің күрделі қабаттары жылжымайтын мүлік иелерін"
           " анықтауды қиындатты, нәтижесінде жылдар созылды.", False),
    # ... while a negated verb still counts, табылмады "was not found" beside табады "finds"
    ("kk", "Ол шизофрениямен ауырады, сондықтан ол қылмыс үшін кінәлі деп табылмады, бірақ содан бері дәрі-дәрмек алу"
           " үшін психиатрға жіберілді.", True),
    # Chinese: the yes/no of a form, 能否 "whether", the prefix 非 "non-" (TICO-19, --offset 600); 并非 "is not"
    ("zh", "气促（是/否），如果已测量：血氧饱和度和呼吸频率", False),
    ("zh", "此外，我们将测试能否从病毒学监测诊所中获得所有这些信息以提高产出。", False),
    ("zh", "统计方法学支持针对广泛疾病爆发的政策方法，其中使用所谓的非药物干预措施 (NPI) 应对新发大流行。", False),
    ("zh", "并非所有病例都需要住院治疗。", True),
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


# -- numbers -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("src_lang, src, tgt_lang, tgt", [
    # decades (X-WMT, TICO-19)
    ("ru", "Обе суперзвезды, известные за песни на испанском и английском ещё с 90-х, выступят 2 февраля на стадионе"
           " Hard Rock Stadium.", "en", "The superstar performers, who have released music in Spanish and English"
                                        " since the 1990s, will perform on Feb. 2 at Hard Rock Stadium."),
    ("ru", "Обе суперзвезды, известные за песни на испанском и английском ещё с 90-х, выступят 2 февраля.", "uz",
     "NFL, Pepsi va Roc Nation payshanba kuni 1990-yillardan beri Ispan va Ingliz tillarida musiqa chiqargan ushbu"
     " super yulduzlar 2-fevral kuni chiqish qilishlarini e’lon qilishdi."),
    ("ru", "В начале девяностых полагали, что каменные постройки здесь не связаны ни с какой религией.", "kk",
     "1990 жылдардың басында бұл жартасты инфрақұрылымның ешқандай діни қатынасы жоқ деп ойлаған."),
    ("ru", "Коронавирусы животных известны с конца 1930-х годов.", "zh", "自 20 世纪 30 年代末以来，动物 CoV 就已广为人知。"),
    ("ru", "Первая нить человеческого коронавируса HCoV-229E, B814, была получена из образца отделяемого из носоглотки"
           " пациентов, заболевших простудой в 1960-х.", "zh",
     "20 世纪 60 年代中期，首株HCoV-229E 病毒株 B814 从普通感冒患者的鼻腔分泌物中分离出来。"),
    ("ru", "В конце 1990-х годов и в начале 21-го века стали набирать популярность средства для гигиены рук на"
           " спиртовой основе.", "zh", "在二十世纪九十年代末和二十一世纪初，非水基的酒精手部清洁剂大受欢迎。"),
    # hours with their part of the day, clock times
    ("ru", "Полиция начала расследование покушения на убийство после вызова в дом мужчины примерно в час ночи в"
           " четверг.", "en", "Police have launched an attempted murder inquiry after they were called to the man’s"
                              " house at about 1am on Thursday."),
    ("ru", "Полиция начала расследование покушения на убийство после вызова в дом мужчины примерно в час ночи в"
           " четверг.", "uz", "Payshanba kuni soat 01: 00 da u kishining uyiga ular chaqirilganidan keyin politsiya"
                              " qotillikka qarshi surishtiruv ishlarini boshladi."),
    ("ru", "В результате несчастного случая вертолет тренировочной миссии Индийской армии потерпел крушение в час дня"
           " неподалеку от Йонгпхулы в Бутане.", "en", "In an unfortunate incident, an Indian Army helicopter has"
                                                       " crashed at 1 pm near Yonphula in Bhutan."),
    ("ru", "Радиосвязь и зрительный контакт с вертолетом были потеряны вскоре после часа дня.", "uz",
     "Soat 13.00 dan keyin vertolyot bilan radio va kuzatuv aloqalari yo’qolgan."),
    ("ru", "Видео инцидента, который произошел сегодня утром около 8.30 в поезде, следовавшем между Веррингтоном и"
           " Кингсвудом, было опубликовано в Facebook жительницей Сиднея Джорди Ли.", "kk",
     "Веррингтон мен Кингсвуд арасында жүретін пойызда болған оқиғаның видеосын бүгін таңертеңгі сағат 8: 30"
     " шамасында Facebook әлеуметтік желісіне сиднейлік Джорди Ли жариялады."),
    ("ru", "по восточному поясному времени (1521 по Гринвичу), после падения до минимума за сессию в $ 60,76 за"
           " баррель.", "en", "EDT (1521 GMT), after dropping to a session low of $ 60.76 a barrel."),
    ("ru", "Хоск Кватро и Урсула Хуарес были арестованы по делу об убийстве их сына, Ноа, 26 сентября 2019 года,"
           " около 8: 00 утра, объявила полиция округа Лос-Анджелес.", "en",
     "Jose Cuatro and Ursula Juarez were arrested for the murder of their son, Noah, on September 26, 2019, at"
     " approximately 8: 00 a.m., the Los Angeles County Sheriffs Dept. announced."),
    # a scale word without digits, and half of one
    ("ru", "Согласно первоначальным прогнозам, лихорадка Эбола должна была поразить до миллиона человек и стать"
           " причиной гибели полумиллиона пациентов.", "zh", "埃博拉病毒曾被预测会导致 100 万起病例并造成 50 万人死亡。"),
    # number words of two words, and with the Uzbek counter -ta
    ("ru", "Позднее в тот же день Джабир финишировал третьим в забеге номер один и 11-м по итогам в дисциплине «бег"
           " на 400 м с препятствиями среди мужчин».", "kk", "Түстен кейін Джабир ерлер арасында 400 метрге"
                                                             " кедергілермен жүгіруде бірінші нөмірлі жарыста үшінші,"
                                                             " жалпы есепте он бірінші орынды иеленді."),
    ("ru", "Компания Facebook удалила из собственной социальной сети 7 страниц, 3 группы и 5 аккаунтов.", "uz",
     "Facebook dushanba kuni yettita sahifani, uchta guruhni va beshta akkauntni o’chirib tashlaganligini aytdi."),
    # the 1957 journal (Bleualign): year ranges, fractions, Achttausender, Roman numerals
    ("de", "1952 und 1953 L. G. C.Pugh physiologisch, 1954 Helmut Heuberger geographisch, 1954 und 1955 Pierre Bordet"
           " und Michel Latreille.", "fr", "1952/53, L.G.C.Pugh en physiologie ; 1954, Helmut Heuberger en géographie ;"
                                           " 1954/55, Pierre Bordet et Michel Latreille."),
    ("de", "Hier war das Wasser etwa 1 ½ m tief, die starke Strömung hatte den Uferrand unterhöhlt.", "fr",
     "L'eau, à cet endroit, était profonde de 1,50 m, le courant avait miné la berge."),
    ("de", "Über Manaslu (8125 m) und die vier pakistanischen Achttausender K2 (8611 m), Hidden Peak (8068 m) ist"
           " vorläufig nichts Neues zu vermelden.", "fr", "Rien de nouveau à signaler concernant l'altitude du"
                                                          " Manaslu, 8125 m, et des quatre « 8000 » pakistanais : K 2,"
                                                          " 8611 m, Hidden Peak, 8068 m."),
    ("de", "Nun sind sie unter dem Bergschrund, wo Florence sie tief bewegt erwartet. Endlich.. Lager 4!", "fr",
     "Au-dessous de la rimaye, ils sont accueillis par le Dr Florence, ému aux larmes. Enfin... le camp IV."),
])
def test_numbers_written_differently_by_professional_translators_agree(src_lang, src, tgt_lang, tgt):
    assert compare(extract(src, src_lang), extract(tgt, tgt_lang)) == ([], [])


@pytest.mark.parametrize("src_lang, src, tgt_lang, tgt, missing, added", [
    # real slips of the same translators stay flagged: 2,6 against 2.4 billion users (X-WMT), a page number that
    # differs between the German and French editions (Bleualign)
    ("ru", "Компания Facebook, имеющая ежемесячный трафик в 2,6 миллиарда посетителей.", "en",
     "The company has 2.4 billion monthly users.", ["2600000000"], ["2400000000"]),
    ("de", "wurde bereits in der letztjährigen Chronik («Die Alpen» 1956, S. 81) kurz berichtet.", "fr",
     "La chronique himalayenne de l'an dernier (voir Les Alpes 1956, p. 80), a déjà brièvement parlé.", ["81"], ["80"]),
    # and so do the new readings, changed: another hour, another decade, another year of a range
    ("ru", "вскоре после часа дня.", "uz", "Soat 14.00 dan keyin.", [], ["14"]),
    ("ru", "утром около 8.30 в поезде", "kk", "таңертеңгі сағат 8: 40 шамасында", ["8.3"], ["40"]),
    ("ru", "ещё с 90-х", "en", "since the 1980s", ["90"], ["1980"]),
    ("ru", "Коронавирусы животных известны с конца 1930-х годов.", "zh", "自 20 世纪 40 年代末以来。", ["1930"], ["1940"]),
    ("de", "1952 und 1953", "fr", "1952/54", ["1953"], ["1954"]),
])
def test_numbers_that_differ_are_still_flagged(src_lang, src, tgt_lang, tgt, missing, added):
    assert compare(extract(src, src_lang), extract(tgt, tgt_lang)) == (missing, added)


@pytest.mark.parametrize("src_lang, src, tgt_lang, tgt", [
    # a distance converted and rounded (X-WMT, --offset 400: the same sentence in three languages)
    ("ru", "После этого он и еще 10 человек вместе проехали 190 километров на велосипеде из Сан-Франциско до"
           " винодельного региона Калифорнии.", "en", "Now he has cycled 120 miles from San Francisco to Wine Country"
                                                     " for the National Multiple Sclerosis Society with a team of 10"
                                                     " bikers."),
    ("ru", "После этого он и еще 10 человек вместе проехали 190 километров на велосипеде.", "kk",
     "Қазір ол 10 велосипедші командасымен Ұлттық склероз қоғамы үшін Сан-Францискодан Шарап еліне 120 миль жүріп"
     " өтті."),
    ("ru", "После этого он и еще 10 человек вместе проехали 190 километров на велосипеде.", "uz",
     "Endi u 10 nafar velosipedchi jamoasi bilan Milliy Sklerozga qarshi Jamiyati uchun San-Fransiskodan Wine"
     " Countryga 120 mil masofani bosib o’tdi."),
    # the 1957 journal (Bleualign): a footprint in centimetres, the French in inches
    ("de", "Der Fuss-eindruck hatte eine Länge von gut 30 cm.", "fr",
     "Celles-ci mesuraient en moyenne 12 pouces de longueur."),
    # a numeral in a compound adjective (X-WMT ru-kk, --offset 600)
    ("ru", "Родители четырехлетнего мальчика Ноа Кватро из Палмдея, который умер в июле при подозрительных"
           " обстоятельствах, были арестованы в четверг, подтвердили официальные лица.", "kk",
     "шілде айында күдікті жағдайда қайтыс болған Палмдейлден шыққан 4 жасар Ной Куатроның ата-анасы бейсенбіде"
     " қамауға алынды, деп хабарлады шенеуніктер."),
    # a half hour named by the next hour (X-WMT ru-uz, --offset 600)
    ("ru", "Кайли предложила своим подписчикам вместе посмотреть показы весенней и летней женской одежды во время"
           " Недели моды в Париже, прямая трансляция которых состоится на сайте Balmain в пол-третьего ночи.", "uz",
     "U o’zining ijtimoiy tarmoqdagi izdoshlarini Balmain veb-saytida soat 02: 30da jonli efirda namoyish etilishi"
     " rejalashtirilgan Parij Moda Haftaligi shousini tomosha qilishda unga qo’shilishga chaqirish orqali tugatdi."),
])
def test_measures_converted_numerals_in_compounds_and_half_hours_agree(src_lang, src, tgt_lang, tgt):
    assert compare(extract(src, src_lang), extract(tgt, tgt_lang)) == ([], [])


@pytest.mark.parametrize("src_lang, src, tgt_lang, tgt, missing, added", [
    # a conversion that is off, or no conversion at all, is still reported: 60 ft is 18,29 m, and the journal's
    # 19,29 is a real slip (Bleualign)
    ("de", "Die Wand ist 60 ft hoch.", "fr", "La paroi a 19,29 m.", ["60"], ["19.29"]),
    ("ru", "проехали 190 километров", "en", "cycled 150 miles", ["190"], ["150"]),
    ("ru", "проехали 190 километров", "en", "cycled 120 km", ["190"], ["120"]),
    ("ru", "Родители двухлетнего мальчика", "kk", "4 жасар баланың ата-анасы", [], ["4"]),
    ("ru", "трансляция состоится в пол-третьего ночи.", "uz", "jonli efir soat 03: 30da", [], ["3"]),
])
def test_measures_compounds_and_half_hours_that_differ_are_still_flagged(src_lang, src, tgt_lang, tgt, missing, added):
    assert compare(extract(src, src_lang), extract(tgt, tgt_lang)) == (missing, added)


# -- language, quotes and capitals ---------------------------------------------------------------------------------

def test_a_tico_paragraph_with_turkmens_and_word_is_english():
    """Two "we", Turkmen's "and", once outweighed an English paragraph that had none of the shorter word list."""
    text = ("We will continue virology sampling from our sentinel practices, rather than discontinuing as seasonal"
            " influenza declines. Additionally, we will recruit more surveillance practices.")
    assert paragraph_language(text, "en", "ru") is None


def test_the_uzbek_sign_of_o_and_g_is_no_quote():
    """X-WMT ru-uz writes oʻ with ‘ and the tutuq belgisi with ’ (to‘da, e’lon): no ‘’ quotes (--offset 600, where
    they were 24 of 80 links); a quotation in ‘’ is still not Uzbek style."""
    src = ("Los Angeles Times опубликовала аудиозаписи заявлений Трампа о шпионаже, которые, как сообщается, он сделал"
           " перед сотрудниками посольства Соединенных Штатов Америки в Организации Объединенных Наций в Нью-Йорке.")
    tgt = ("Los-Anjeles Tayms gazetasi Nyu York shahrida joylashgan Birlashgan Millatlar Tashkiloti qoshidagi AQSH"
           " vakolatxonasining bir to‘da xodimlari oldida Trampning aytgan xufyona tanbehlari tushirilgan audioyozuvni"
           " e’lon qildi.")
    assert not _checker("ru", "uz", [(src, tgt)], ["brackets"]).assess().links[0].flags
    quoted = tgt.replace("xufyona tanbehlari", "‘xufyona tanbehlari’")
    assert _checker("ru", "uz", [(src, quoted)], ["brackets"]).assess().links[0].flags


def test_the_tokenised_uzbek_sign_is_rejoined_by_the_dev_loader():
    from benchmarks.qe_devdata import detokenise

    assert detokenise("bir to ‘ da xodimlari oldida e ’ lon qildi .", "uz") == "bir to‘da xodimlari oldida e’lon qildi."
    assert detokenise("bir to ‘ da", "en") == "bir to ‘ da"


def test_a_bracket_closed_by_a_short_word_is_no_list_marker():
    """(SNOMED CT) system: the CT) closes the bracket, it is not a list item a) (TICO-19, --offset 600)."""
    src = ("NHS использует систему кодирования Систематизированной медицинской номенклатуры — Клинических терминов"
           " (SNOMED CT), которая обычно обновляется всего лишь дважды в год.")
    tgt = ("The NHS uses the Systematized Nomenclature of Medicine Clinical Terms (SNOMED CT) system of coding, which"
           " is normally only updated twice annually.")
    assert not _checker("ru", "en", [(src, tgt)], ["brackets"]).assess().links[0].flags
    assert _checker("ru", "en", [(src, tgt.replace("CT)", "CT"))], ["brackets"]).assess().links[0].flags
    listed = ("Стороны: a) обмениваются данными; b) проводят встречи.",
              "The Sides: a) exchange data; b) hold meetings.")
    assert not _checker("ru", "en", [listed], ["brackets"]).assess().links[0].flags


def test_a_quoted_exclamation_moved_into_the_sentence_keeps_its_mark():
    """The source ends inside the quotation it opens; the Kazakh puts the quotation, with its !, mid-sentence (X-WMT
    ru-kk, --offset 400). Without the ! anywhere the end mark is changed and reported."""
    src = ("Собрать средства на благотворительный велосипедный тур г-ну Скэнлону помогла популярность в Твиттере,"
           " после чего он написал: «Привет, интернет!")
    tgt = "Қайырымдылық велосипедіне ақша жинау үшін Сканлон мырза «Интернетке сәлем!» ол өзінің Twitter-дегі даңқын" \
          " пайдаланды."
    assert not _checker("ru", "kk", [(src, tgt)], ["end-punctuation"]).assess().links[0].flags
    assert _checker("ru", "kk", [(src, tgt.replace("сәлем!»", "сәлем»"))], ["end-punctuation"]).assess().links[0].flags


def test_a_title_case_heading_is_not_truncated():
    """A TICO-19 article title whose Russian ends with the year's abbreviation г. (--offset 400); a Kazakh headline
    in sentence case that drops the full stop of its source is still reported (X-WMT ru-kk, first sample)."""
    title = ("Предварительные оценки распространенности некоторых сопутствующих заболеваний у пациентов с"
             " коронавирусной инфекций-2019 — США, с 12 февраля по 28 марта 2020 г.",
             "Preliminary Estimates of the Prevalence of Selected Underlying Health Conditions Among Patients with"
             " Coronavirus Disease 2019 — United States, February 12–March 28, 2020")
    assert not _checker("ru", "en", [title], ["truncation"]).assess().links[0].flags
    headline = ("Господин Довал приказал силам безопасности привести пограничную защитную зону в состояние повышенной"
                " боеготовности.", "Доваль қауіпсіздік күштеріне инфильтрациялық қозғалысты жоғары дайындықпен"
                                   " өткізуді бұйырады")
    assert _checker("ru", "kk", [headline], ["truncation"]).assess().links[0].flags


def test_an_uzbek_news_paragraph_is_not_read_as_turkish():
    """Three uses of bir, a word Uzbek shares with Turkish, once outweighed Uzbek's own words (X-WMT ru-uz)."""
    text = ("48 yoshli erkak Skelmersdeyldagi, G’arbiy Lankashir shtati, uyi tashqarisida yonib ketishidan oldin"
            " yonuvchan suyuqlikka, benzin ekanligi taxmin qilinadigan, botirilgan. Bir erkak uyi eshigi oldida yongan"
            " holatda qoldirildi, politsiya buni maqsadli hujum deb hisobladi. Bir erkak \"maqsadli hujum\" asosida"
            " uyining eshigi oldida yoqib yuborildi.")
    assert paragraph_language(text, "uz", "ru") is None


def test_a_quotation_continued_from_the_paragraph_before_keeps_its_opening_quote():
    src = ("Es ist doch sehr bedeutsam: Wann immer von einer neuen Art berichtet wurde - stets waren zahlreiche"
           " Sachverständige nur allzu bereit, feierlich zu bezeugen, dass so etwas nicht existieren könne.")
    continued = ("« Ce qui est très significatif, c'est que chaque fois qu'on a annoncé la découverte d'une nouvelle"
                 " espèce animale, il y a toujours eu des savants spécialistes pour affirmer qu'une telle créature ne"
                 " pouvait exister.")
    assert not _checker("de", "fr", [(src, continued)], ["brackets"]).assess().links[0].flags
    # a quote left open inside the paragraph is still a lost partner (X-WMT ru-kk: a stray « before the last sentence)
    stray = continued.replace("« Ce qui", "Ce qui").replace("il y a toujours", "« il y a toujours")
    assert _checker("de", "fr", [(src, stray)], ["brackets"]).assess().links[0].flags


def test_a_german_source_starting_with_a_noun_sets_no_capital():
    """Erstersteigung is a noun, capitalised anywhere: the link is the rest of a sentence (Bleualign)."""
    src = "Erstersteigung 1933 durch B.M. Abalakow, seitdem wiederholt besucht."
    tgt = "première ascension en 1933 par E. M. Abalakow. Souvent visité depuis."
    assert not _checker("de", "fr", [(src, tgt)], ["capitalisation"]).assess().links[0].flags
    sentence = ("Der Abstand von einer Fusstapfe zur anderen war fast doppelt so gross wie meine eigene Schrittlänge.",
                "la longueur de ses pas était presque le double des miens.")
    assert _checker("de", "fr", [sentence], ["capitalisation"]).assess().links[0].flags


# -- the false-alarm floor of a fixed dev sample -------------------------------------------------------------------

# Links flagged of 80 per pair (benchmarks/qe_false_alarms.py --no-embedder) in the first sample, the second
# (--offset 400) and a third (--offset 600, where ru-ky has no lines left and ru-kk 45 links), measured 2026-12-08;
# what is left is listed in the README (real slips, edition differences, compact renderings).
FLOORS = {
    0: {"xwmt/ru-en": 1, "xwmt/ru-kk": 4, "xwmt/ru-ky": 4, "xwmt/ru-uz": 5, "tico19/ru-zh": 1, "tico19/ru-en": 1,
        "bleualign-dev/de-fr": 25},
    400: {"xwmt/ru-en": 3, "xwmt/ru-kk": 7, "xwmt/ru-ky": 2, "xwmt/ru-uz": 8, "tico19/ru-zh": 1, "tico19/ru-en": 4,
          "bleualign-dev/de-fr": 18},
    600: {"xwmt/ru-en": 4, "xwmt/ru-kk": 4, "xwmt/ru-uz": 7, "tico19/ru-zh": 1, "tico19/ru-en": 4,
          "bleualign-dev/de-fr": 11},
}


@pytest.mark.parametrize("offset", sorted(FLOORS))
def test_false_alarms_on_the_dev_samples_stay_at_their_floor(offset):
    """The development data lives outside the repository (TILMASH_DEV_DATA): without it there is nothing to judge."""
    from benchmarks.qe_devdata import SETS, load

    pairs = load(SETS, 80, offset)
    if not pairs:
        pytest.skip("no development data: set TILMASH_DEV_DATA to the folders holding xwmt-ru/, tico19/, bleualign-dev/")
    flagged = {pair.name: sum(bool(link.flags) for link in
                              QualityChecker(pair.source, pair.target, pair.alignment, None).assess().links)
               for pair in pairs}
    assert {name: n for name, n in flagged.items() if n > FLOORS[offset][name]} == {}


def test_a_pair_whose_files_end_before_the_offset_is_left_out():
    """Kyrgyz has 500 X-WMT lines: a sample that starts after them has nothing to judge (it used to divide by zero)."""
    from benchmarks.qe_devdata import load

    pairs = load(("xwmt",), 80, 600)
    if not pairs:
        pytest.skip("no development data: set TILMASH_DEV_DATA to the folder holding xwmt-ru/")
    assert "xwmt/ru-ky" not in {pair.name for pair in pairs} and all(pair.alignment.links for pair in pairs)


def test_a_short_document_with_dropped_clauses_is_still_judged():
    """Six sentence pairs (written for this test), two with their relative clauses dropped: the second fit, without
    the two, has too few pairs to learn from, and the check must keep its first fit rather than fall silent (it
    used to fail an assertion here)."""
    pairs = [
        ("The ministers met in Astana on Monday to discuss trade.",
         "Министры встретились в Астане в понедельник, чтобы обсудить торговлю."),
        ("They agreed to open two new border crossings next year.",
         "Они договорились открыть два новых пограничных перехода в следующем году."),
        ("The talks, which lasted for more than six hours and were attended by forty delegates from nine countries,"
         " ended late at night.", "Переговоры закончились поздно ночью."),
        ("Both sides praised the spirit of the meeting.", "Обе стороны высоко оценили дух встречи."),
        ("The next round, which the hosts hope will take place in Bishkek before the end of the summer holidays,"
         " is not yet scheduled.", "Следующий раунд пока не назначен."),
        ("A joint statement was published in the evening.", "Вечером было опубликовано совместное заявление."),
    ]
    checker = _checker("en", "ru", pairs, ["dropped-clause"])
    quality = checker.assess()
    assert [k for k, link in enumerate(quality.links) if link.flags] == [2, 4]
    assert all(check.notes() == [] for check in checker.checks)
