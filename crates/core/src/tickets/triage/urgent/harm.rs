//! The phrase tables of the rules about harm and the law (threats, unsafe products, court deadlines), written
//! folded as the other tables in `phrases.rs`.

use super::{Clause, any, both, near, near3};

/// A bad review is a seller's lever, not a danger to anyone: a threat of one is not urgent.
const REVIEWS: &str = "review* | rating* | feedback | stars | resena* | calificacion* | valoracion* | mauvais avis | \
    avis negatif | un avis | commentaire* | bewertung* | rezension* | avaliac* | comentario* | تقييم | مراجعه | \
    レビュー | 評価 | 口コミ";

/// A threat to cancel the order or to go to the police or a court is a lever, not a danger (a legal threat is
/// High): said as one phrase, as "he threatened me, I want to cancel" is a danger.
pub(super) const LEVERS: &str = "threatened to cancel | threatening to cancel | threatens to cancel | threaten to cancel | \
    threatening to sue | threatened to sue | threatens to sue | threatening to report me | threatened to report me | \
    menace de porter plainte | menace de me poursuivre | menace de m'attaquer | amenaza con denunciarme | \
    amenaza con demandarme | amenazo con denunciarme | droht mit anzeige | droht mit einer anzeige | \
    droht mit anwalt | droht mir mit anwalt | droht mir mit einer anzeige | droht mir mit der polizei | \
    droht mich anzuzeigen | ameacou me processar | ameaca me processar | ameacando me processar | \
    amenaza con cancelar | amenazo con cancelar | amenazando con cancelar | amenaza con anular | \
    menace d'annuler | menacent d'annuler | menace de m'annuler | droht mit stornierung | droht mit storno | \
    droht die bestellung zu stornieren | droht zu stornieren | ameacou cancelar | ameaca cancelar | \
    ameacando cancelar | ameacou de cancelar | يهدد بالغاء | هدد بالغاء";

/// The user saying there was no threat: rude words, a quarrel, nothing that puts anyone in danger.
const NO_THREAT: &str = "no threat | no threats | not a threat | not threatening | didn't threaten | \
    didnt threaten | did not threaten | never threatened | no me amenazo | no me ha amenazado | no amenazo | \
    sin amenazas | ninguna amenaza | pas de menace | pas de menaces | aucune menace | sans menace* | \
    ne m'a pas menace* | keine drohung* | nicht bedroht | nicht gedroht | nao ameacou | nao me ameacou | \
    sem ameaca* | nenhuma ameaca | مافيش تهديد | مفيش تهديد | ما في تهديد | بدون تهديد | ما هددني | لم يهددني | \
    脅しなどはなく | 脅しはなく | 脅しはない | 脅迫はされて | 脅されてはいません | 脅されてない";

/// A parcel's tracking, which impatient buyers say they "stalk".
const TRACKING_PAGE: &str = "tracking | seguimiento | rastreo | rastreio | suivi | sendungsverfolgung | \
    sendungsnummer | 追跡";

/// Whoever comes to the door for a parcel: their visit is a delivery, not a threat.
const COURIER: &str = "courier | delivery | driver | postman | mailman | deliver* | pick up | pickup | collect* | \
    repartidor | entrega* | recoger | livreur | livraison | recuperer | fahrer | zusteller | lieferung | abholen | \
    entregador | motoboy | buscar | مندوب | توصيل | استلام | 配達 | 集荷 | 受け取";

#[rustfmt::skip]
pub(super) const THREAT: &[Clause] = &[
    any("knows where i live | know where i live | knows my address | harass* | scared for my | afraid for my | \
        death threat* | kill me | going to kill | gonna kill | kill you | i feel unsafe | fear for my | track me down | hunt me down | come after me | coming after me | \
        he'll find me | she'll find me | they'll find me | he'd find me | she'd find me | beat me up | \
        you'll pay for this | make you pay | scared to open the door | afraid to open the door | \
        scared to leave the house | afraid to leave the house | scared to go outside | photo of my front door | \
        picture of my front door | photo of my house | picture of my house | photo of my shop | \
        picture of my shop | photo of my store | photo of my car | photo of my work | was waiting outside my | \
        showed up at my work | showed up at my house"),
    // Exposing the user: their address, papers or children put online, as a threat.
    near3("post | publish | share | leak | subir | publicar | publier | poster | veroffentlich* | postar | divulgar",
        "address | kids | children | family | direccion | ine | hijos | familia | adresse | enfants | famille | \
        kinder | familie | endereco | filhos", "online | internet | facebook | instagram | social media | redes | \
        reseaux | twitter | tiktok", 8),
    // Fear of a person, not of a lost parcel ("I'm scared my order won't come").
    near("i'm scared | im scared | i am scared | i'm afraid | im afraid | i am afraid | scared | afraid", "of him | \
        of her | of them | of this seller | of this buyer | for my safety | for my life | for my family", 2),
    // A person who will hurt, not shoes that hurt ("these shoes hurt me").
    near("he | she | they | he'll | she'll | they'll | he'd | she'd | they'd | he's | she's | they're", "hurt me | \
        hurt my family | hurt my kids | punch me", 3),
    near("buyer | seller | he | she", "showed up at my | turned up at my", 3),
    // Coming to the user's home, said by a buyer or seller; a courier or a pickup comes there too.
    near("said | says | told me | threatened | dijo | dice | a dit | dit | gesagt | sagt | disse | diz | falou | \
        قال | 言われ", "come to my house | come to my home | venir a mi casa | ir a mi casa | venir chez moi | \
        zu mir nach hause | vir na minha casa | ir na minha casa | يجي لبيتي | بيجي لبيتي | \
        بيجيني البيت | 家に来る", 8).unless(COURIER),
    near("creepy | sexual | explicit | obscene | nude | nudes | dick", "message* | photo* | picture* | pics | texts | \
        comments", 3),
    any("sabe donde vivo | sabe mi direccion | me acosa | acoso | acosando | acosador* | le tengo miedo | \
        tengo miedo de el | tengo miedo de ella | miedo por mi seguridad | miedo por mi vida | miedo por mi familia | \
        me va a buscar | me va a encontrar | me va a matar | \
        te voy a matar | me va a pegar | me va a hacer dano | sabe donde encontrarme | miedo de salir de casa | \
        miedo de salir | foto de mi portal | foto de mi casa | estaba afuera de mi casa | estaba frente a mi casa"),
    near("obscen* | sexual* | desnud*", "mensaje* | foto*", 3),
    any("sait ou j'habite | sait ou je vis | connait mon adresse | harcel* | j'ai peur de lui | j'ai peur d'elle | \
        peur pour ma securite | peur pour ma vie | peur pour ma famille | va me retrouver | allait me retrouver | vais te retrouver | \
        te tuer | peur de sortir | me suit partout | il etait devant mon | elle etait devant mon | \
        etait devant chez moi | photo de ma porte | photo de chez moi"),
    near("obscene* | sexuel* | nue | nues | nus", "message* | photo*", 3),
    any("weiss wo ich wohne | weiss wo ich lebe | kennt meine adresse | belastig* | angst vor ihm | angst vor ihr | \
        angst um meine sicherheit | angst um mein leben | angst um meine familie | \
        morddrohung* | todesdrohung* | mich umbringen | \
        dich umbringen | stand er vor meinem | stand sie vor meinem | stand er vor meiner | stand sie vor meiner | \
        angst rauszugehen | angst das haus zu verlassen | foto von meiner haustur | foto von meinem haus"),
    near("obszon* | sexuell* | nackt*", "nachricht* | foto* | bild*", 3),
    any("sabe onde eu moro | sabe onde moro | sabe meu endereco | assedi* | medo dele | medo dela | \
        medo pela minha seguranca | medo pela minha vida | medo pela minha familia | me perseguindo | vou te matar | vai me bater | medo de sair de casa | \
        foto da minha casa | foto da minha porta | estava na frente da minha casa"),
    near("obscen* | sexua* | nude* | pelad*", "mensage* | foto*", 3),
    any("يعرف اين اسكن | يعرف عنواني | يعرف مكان سكني | اعرف وين بيتك | يعرف وين بيتي | اخاف افتح الباب | \
        خايفه افتح الباب | تحرش | يتحرش | يضايقني | اخاف منه | خائف منه | خايف منه | \
        خايف علي حياتي | يلاحقني"),
    both("怖い | 恐ろしい | 恐怖", "出品者 | 購入者 | 相手 | 売り手 | 買い手 | 住所"),
    any("住所を知って | 住所知って | 家を知って | 家知って | つきまと | 嫌がらせ | 身の危険 | 恐怖を感じ | 怖くて | 恐喝 | \
        殺す | 殺してやる | 家に行くと | 家まで行くと | 押しかけ | しつこく連絡 | しつこくメッセージ | \
        しつこいメッセージ | 卑猥"),
    // Insults are harassment, unless the user says there was no threat ("just rude, can I block him?").
    any("insulting me | insults me | me insulta | insultandome | m'insulte | m'insultent | m'a insulte | insultes | \
        insultant* | beleidigt mich | beschimpft mich | me xingando | me xingou | me ofendendo | يشتمني | يسبني | \
        سب وشتم | شتايم | شتائم | رسائل مسيئه | كلام مسيء | رسائل بذيئه | الفاظ بذيئه | 暴言").unless(NO_THREAT),
    // Stalking a person, not the tracking page of a late parcel.
    any("stalk* | ストーカー").unless(TRACKING_PAGE),
    // "Vai me matar", said of a mother who will be cross: said of anyone else, a threat.
    any("vai me matar").unless("mae vai me matar | minha mae | mae dela | meu pai | minha esposa"),
    // Blackmail over a review is the review's lever; over anything else it is a threat.
    any("blackmail* | extort* | chantaje* | extorsion* | chantage | erpress* | ابتزاز | يبتزني | 恐喝").unless(REVIEWS),
    // Where the user lives, found or put online: a street, a building, a screenshot of it.
    any("knows my building | found my address | has my address | got my address | screenshot of my street | \
        street view of my | photo of my street | picture of my street | found my instagram | found my facebook | \
        messaging my family | messaging my sister | messaging my mother | posted my address | published my address | \
        shared my address | got my number | found my number | nunca le pase mi numero | consiguio mi numero | \
        a trouve mon numero | hat meine nummer | conseguiu meu numero | publico mi direccion | publicando mi direccion | encontro mi direccion | \
        connaissait mon immeuble | connait mon immeuble | connaissait mon adresse | a publie mon adresse | \
        passerait me voir | viendrait me voir | meine adresse veroffentlicht | meine adresse gepostet | \
        postou meu endereco | divulgou meu endereco | expos* meu endereco | عارف عنواني | عارفه عنواني | \
        الشارع اللي ساكن | عارف بيتي"),
    // Found the user on their social accounts: not the item found cheaper on Instagram.
    near("found me | found my | me encontro | encontro mi | m'a trouve | a trouve mon | hat mich | achou meu | \
        me achou", "instagram | facebook | tiktok | whatsapp | whats | ig | insta", 5),
    both("ينشر | هينشر | بينشر | راح ينشر | نشر", "صوري | صورتي | رقمي | رقم تليفوني | رقم جوالي | عنواني"),
    both("晒", "住所 | 本名 | 自宅 | 電話番号 | 顔写真"),
    // Threatened in person, or sent threats: whatever else the message is about.
    any("threatened me | threatening me | threatens me | threatening message* | threatening text* | \
        threatening email* | me amenazo | me amenaza | me amenazan | me amenazaron | me esta amenazando | \
        amenazandome | mensajes amenazantes | mensajes de amenaza | m'a menace* | me menace | me menacent | \
        menace de mort | menaces de mort | messages menacants | bedroht mich | hat mir gedroht | droht mir | \
        werde bedroht | wurde bedroht | drohnachricht* | me ameacou | me ameaca | me ameacando | me ameacaram | \
        ameaca de morte | ameacas de morte | mensagens ameacadoras | هددني | يهددني | هددوني | يهددوني | \
        رسائل تهديد | 脅され | 脅迫され | 脅迫メッセージ | 脅迫文")
        .unless(REVIEWS).unless(LEVERS).unless(NO_THREAT),
    // A threat of anything but a bad review or a cancelled order.
    any("threat* | amenaz* | menac* | bedroh* | droht | drohung* | gedroht | drohte* | ameac* | يهدد | تهديد | 脅迫 | 脅し")
        .unless(REVIEWS).unless(LEVERS).unless(NO_THREAT),
];

/// Fire as a figure of speech: a sale, a price, praise ("these sneakers are fire").
pub(super) const FIGURES_OF_FIRE: &str = "fire sale | is fire | are fire | so fire | straight fire | liquidacion | \
    precios de fuego | prix casses | prix qui flambent | feuer und flamme | unter den nageln | raumungsverkauf | queima de estoque | \
    queima total | 在庫が溶け | 爆売れ | حرق الاسعار | حريق الاسعار | حريق اسعار | عروض ناريه | 在庫一掃 | 炎上 | \
    sales are on fire | sales on fire | prix en feu | 燃えるような | prix qui brulent | question brulante | \
    der laden brennt";

/// Colours named after smoke or fire: a smoke grey sofa is a colour, not a fire.
const COLOURS: &str = "smoke grey | smoke gray | smoky grey | smoky gray | burnt orange | burnt sienna | gris humo | \
    gris fumee | gris fume | orange brule | rauchgrau | cinza fume | رمادي دخاني | الرمادي الدخاني | 焦げ茶";

/// What swells when it is dangerous: a battery, not a jacket.
const BATTERIES: &str = "battery | batteries | power bank | powerbank | bateria | baterias | pila | batterie | \
    akku | بطاري | باور بانك | バッテリー | 電池";

#[rustfmt::skip]
pub(super) const PRODUCT_SAFETY: &[Clause] = &[
    any("caught fire | catch fire | caught on fire | on fire | set fire | started a fire | started a * fire | \
        caused a fire | caused a * fire | fire hazard | \
        burst into flames | in flames | flames | melted | melting | exploded | explosion | electric shock | \
        electrocuted | gave me a shock | got a shock | injur* | hurt my child | hurt my son | hurt my daughter | \
        hurt my kid | hurt my baby | allergic reaction | anaphyla* | choking hazard | sparks | sparking | sparked | \
        overheat* | too hot to touch | swallowed | choked | choking | bleeding | burning smell | smell of burning | \
        smells like burning | smelled like burning | burning plastic | epipen | epi pen | urgent care | \
        broke out in a rash | rash all over | came out in a rash | hives | needed stitches | got stitches | \
        had stitches | \
        emergency room | face swelled | swelled up")
        .unless(FIGURES_OF_FIRE),
    near("swallowed | se trago | avale | verschluckt | engoliu", "battery | batteries | magnet* | button cell | \
        part | piece | pila | bateria | iman* | pieza | pile | aimant* | batterie | knopfzelle | magnet | \
        teil | peca | pilha", 6),
    // A smell that makes people sick: dizziness, vomiting.
    both("smell* | fumes | chemical | olor | quimico | odeur | chimique | geruch | chemie | stinkt | cheiro | \
        ريحه | 臭い | におい", "dizzy | dizziness | vomit* | throwing up | nausea* | headache* | mareo* | \
        vertige* | vomissement* | nausee* | schwindel | erbroch* | ubelkeit | kopfschmerz* | tontura* | enjoo | \
        دوخه | استفراغ | صداع | 吐き気 | めまい | 頭痛"),
    any("smoke | smoking | fumes").unless("smoking deal* | smoking hot | smoke free | non smoking | no smoking")
        .unless(COLOURS),
    // A candle that "burns for 60 hours" is its burn time.
    any("burned | burnt | burns | burn mark* | scorch*")
        .unless("burned by | got burned | burned out | burnt out | burns for | burn time").unless(COLOURS),
    // "I got burned by this seller" is a figure: a child or a hand got burned.
    near("kid | child | son | daughter | baby | toddler | hand | skin | finger* | arm | leg | face", "got burned | \
        got burnt | was burned | was burnt", 2),
    // A shock from a device, not a shocking price.
    near("shocked me | shocked my | zapped me | zapped my | got shocked | a shock", "touch* | plug* | outlet | \
        socket | wire* | cable | switch", 6),
    near("cut my | cut his | cut her | cut their | cut herself | cut himself | cut myself", "hand | finger* | thumb | \
        skin | arm | leg | face | foot | feet | lip | mouth", 2),
    near(BATTERIES, "swollen | swelled | swelling | bulging | puffed | expanded | hinchad* | se hincho | inflad* | \
        se inflo | abombad* | gonfl* | aufgeblaht | aufgequollen | geblaht | estufou | estufad* | inchou | inchad* | \
        انتفخ | منتفخ | 膨らん | 膨張", 5),
    any("echaba humo | echa humo | salio humo | humo | prendio fuego | se prendio | incendi* | fuego | \
        se quemo | me quemo | le quemo | quemadura* | derriti* | exploto | en llamas | descarga electrica | \
        me dio corriente | me dio una descarga | me dio calambre | dio calambre | electrocut* | lesion* | herido | \
        herida | se lastimo | se hizo dano | me hice dano | sangrando | sangraba | reaccion alergica | se atraganto | \
        urgencias | anafila* | \
        a quemado | saco chispas | echaba chispas | echa chispas | chispazo")
        .unless(FIGURES_OF_FIRE).unless(COLOURS),
    // "Se cortó" alone is a dropped call or a power cut: a child or a hand says it is a wound.
    near("hijo | hija | nino | nina | bebe | mano | dedo*", "se corto | me corte | se ha cortado | me he cortado", 4),
    any("a pris feu | pris feu | prend feu | en feu | incendie | flamme* | fumee | brul* | fondu | a explose | \
        choc electrique | decharge electrique | pris une decharge | coup de jus | blesse | blessee | blessure* | \
        reaction allergique | etincelle* | saigne* | s'est etouffe* | s'etouffait | points de suture | a fume | ca fume | fumait | commence a fumer | \
        aux urgences | anaphylactique | \
        se met a fumer | s'est mis a fumer").unless(FIGURES_OF_FIRE).unless(COLOURS),
    // "L'appel s'est coupé": a dropped call, unless someone was hurt.
    near("fils | fille | enfant* | bebe | je me suis | main | doigt*", "s'est coupe* | me suis coupe* | \
        s'est fait mal | me suis fait mal", 4),
    any("feuer | in brand geraten | brannte | verbrannt | verbrennung* | rauch | raucht | qualm* | geschmolzen | \
        geschmort | explodiert | stromschlag | elektrischen schlag | hat sich verletzt | \
        habe mich verletzt | hab mich verletzt | wurde verletzt | verletzte sich | verletzungen | allergische reaktion | \
        funken | angefangen zu brennen | fing an zu brennen | brennt | in flammen | flammen | uberhitzt | blutet | \
        verschluckt | brandgeruch | notaufnahme | notarzt | ausschlag | kontaktallergie | schnittwunde | \
        genaht werden | musste genaht").unless(FIGURES_OF_FIRE).unless(COLOURS),
    // "Meine Rechte verletzt" is a complaint: a person or a child got hurt.
    near("hat sich | habe mich | hab mich | kind | sohn | tochter | baby", "verletzt | geschnitten | verbrannt", 5),
    any("pegou fogo | fogo | fumaca | derret* | explodiu | explosao | queimou | queimadura* | choque eletrico | \
        levei um choque | tomei choque | tomei um choque | levei choque | deu choque | da choque | dando choque | \
        machucou | machucad* | ferimento* | reacao alergica | se cortou | me cortei | sangrando | sangrou | engasgou | \
        cheiro de queimado | faisca* | pronto socorro | anafila*")
        .unless(FIGURES_OF_FIRE).unless(COLOURS),
    any("دخان | حريق | احترق | احتراق | انحرق* | كهربت | الطوارئ | اشتعل | النار | ذابت | انصهر | انفجر | انفجار | صعقه | كهربتني | حروق | اصابه | \
        اصيب | جرح | تحسس | ماس كهربائي | شرار").unless(FIGURES_OF_FIRE).unless(COLOURS),
    // "مولع" is a fan of something: "ولع" with a device is a fire.
    both("ولع", "الشاحن | شاحن | البطاري | بطاري | الجهاز | جهاز | الكيبل | السلك | القابس | الفيش"),
    both("ضربتني | ضربني | لسعتني | مسكتني", "كهرب"),
    any("発火 | 火が出 | 燃え | 煙 | 焦げ | 火傷 | やけど | 溶け | 爆発 | 破裂 | 感電 | 怪我 | ケガ | アレルギー反応 | 発煙 | 火事 | \
        火花 | 出血 | 誤飲 | 救急車 | 救急外来 | 息が苦し").unless(FIGURES_OF_FIRE).unless(COLOURS),
];

/// Courts and lawyers in any language; a deadline near one of these is a legal deadline.
const COURT: &str = "court | judge | lawyer* | attorney* | lawsuit | legal | tribunal* | small claims | juzgado | \
    juicio | juez | abogad* | demanda judicial | demandar* | avocat* | justice | juge | huissier | mise en demeure | \
    gericht | gerichts* | gerichtlich* | anwalt* | rechtsanwalt* | klage* | mahnbescheid | processo judicial | \
    processar | justica | juiz* | advogad* | procon | tax office | irs | hacienda | el sat | impots | finanzamt | \
    receita federal";

/// A hearing or a court case itself, dated: "my hearing is on Monday". Only the court, not a lawyer: "I'll call
/// my lawyer tomorrow" is a threat (high), and a hearing aid is not a hearing.
const HEARING: &str = "court | court case | in court | hearing | judge | small claims | juicio | juzgado | \
    audiencia | juez | audience | tribunal* | proces | juge | justice de paix | gerichtstermin* | gerichtsverhandlung* | vor gericht | \
    richter* | juiz* | juizado | processo judicial";

/// Soon, as a day or days given. German "Morgen" is also the morning's greeting ("bis morgen" is in the clause
/// above), and "10 days to" alone is as often how long the user waited.
const SOON: &str = "next week | this week | tomorrow | on monday | on tuesday | on wednesday | on thursday | \
    on friday | gave me * days | given * days | given me * days | la semana que viene | la proxima semana | \
    manana | el lunes | el martes | el miercoles | el jueves | el viernes | me dio * dias | me dieron * dias | \
    me da * dias | semaine prochaine | demain | lundi | mardi | mercredi | jeudi | vendredi | me donne * jours | \
    m'a donne * jours | nachste woche | nachsten montag | am montag | am dienstag | am mittwoch | am donnerstag | \
    am freitag | semana que vem | proxima semana | amanha | na segunda | na terca | na quarta | na quinta | \
    na sexta | me deu * dias";

#[rustfmt::skip]
pub(super) const LEGAL_DEADLINE: &[Clause] = &[
    any("court date | court hearing | hearing date | hearing in court | court appearance | trial date | summons | \
        subpoena | deadline to respond | deadline to reply | small claims hearing | hearing is on | \
        hearing is scheduled | hearing is set"),
    near("deadline* | by monday | by tuesday | by wednesday | by thursday | by friday | by tomorrow | \
        within * days | days to respond | by end of | by the end of | by eod | by next week", COURT, 12),
    near(SOON, HEARING, 10).unless("hearing aid*"),
    any("tengo juicio | fecha del juicio | audiencia judicial | tengo audiencia | citacion judicial | citatorio"),
    near("plazo* | fecha limite | para el lunes | para el viernes | para manana | antes del | hasta el viernes | \
        hasta el lunes | audiencia*", COURT, 12),
    any("audience au tribunal | convocation au tribunal | date d'audience | convoque au tribunal"),
    near("delai* | date limite | avant lundi | avant vendredi | avant demain | sous * jours | pour vendredi | \
        pour lundi | pour demain | d'ici vendredi", COURT, 12),
    any("gerichtstermin* | gerichtsverhandlung* | ladung zum gericht"),
    near("frist* | bis montag | bis freitag | bis morgen | bis zum | ubermorgen | innerhalb von", COURT, 12),
    any("audiencia de conciliacao | tenho audiencia | minha audiencia | data da audiencia | intimacao"),
    // A Procon notice to answer is the seller's deadline; a buyer who will complain there by Friday threatens (High).
    near("audiencia* | prazo* | ate segunda | ate sexta | ate amanha", COURT, 12)
        .unless("vou reclamar | vou no procon | vou ao procon | vou abrir reclamacao | vou denunciar"),
    any("موعد المحكمه | جلسه المحكمه | جلسه في المحكمه | موعد الجلسه"),
    both("مهله | موعد نهائي | اخر موعد | قبل يوم", "محكمه | محامي | قضيه | قضائي | النيابه"),
    both("الاسبوع الجاي | الاسبوع القادم | بكره | بكرا | غدا | يوم الاحد | يوم الاثنين | يوم الثلاثاء | يوم الاربعاء | \
        يوم الخميس", "محكمه | القاضي | النيابه | جلسه"),
    any("裁判の日 | 裁判があ | 裁判所 | 出廷 | 公判 | 口頭弁論"),
    // A chargeback to answer by tomorrow: the bank decides without the seller's evidence after it.
    // Said by the seller who must answer it, not by a buyer who threatens one "by tomorrow".
    near3("chargeback* | contracargo* | retrofacturation* | ruckbuchung* | contestacao | اعتراض", "deadline | evidence | \
        respond by | to respond | plazo | prueba* | evidencia* | delai | preuve* | justificatif* | frist | \
        nachweis* | prazo | comprovante* | اخر موعد | مهله", "tomorrow | today | tonight | manana | hoy | demain | \
        aujourd'hui | morgen | heute | amanha | hoje | بكره | بكرا | غدا | اليوم", 14),
    // A lawyer's or a court's letter with hours to answer.
    near("24h | 48h | 72h | 24 hours | 48 hours | 72 hours | 24 horas | 48 horas | 24 heures | 48 heures | \
        24 stunden | 48 stunden", COURT, 10),
    both("期限 | 締め切り | 締切 | までに", "裁判 | 弁護士 | 訴訟 | 法的 | 内容証明 | 税務署"),
    // A tax office's demand with a deadline, however far apart in the message.
    both("tax office | irs | hmrc | hacienda | el sat | agencia tributaria | requerimiento | impots | finanzamt | \
        receita federal | الزكاه والضريبه | هيئه الزكاه", "deadline | by friday | by monday | plazo | fecha limite | \
        tengo hasta | delai | date limite | frist | prazo | مهله | اخر موعد"),
    both("来週 | 明日 | 今週 | 月曜 | 火曜 | 水曜 | 木曜 | 金曜", "裁判 | 調停 | 審理"),
];
