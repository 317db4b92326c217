//! The phrase tables of the urgent rules, one or more clauses per language, written folded (see
//! [`Text::find`]): what each rule catches, and the judgement calls that keep it precise.

use super::{Clause, Rule, any, both, near, near3, split};
use crate::tickets::triage::text::Text;
use crate::tickets::{Queue, TriageReason};

/// Words that make a blocked payment a blocked payout.
const PAYOUT_WORDS: &str = "payout* | withdraw* | cash out | earnings | retirar | retiro* | versement* | retirer | \
    auszahl* | abheben | saque | sacar | السحب | اسحب | الارباح | الرصيد | 出金 | 引き出 | 売上金 | 振込申請";

/// Login details someone else might change.
const LOGIN_DETAILS: &str = "email | e mail | mail | password | phone | phone number | 2fa | login details | \
    correo | contrasena | clave | telefono | celular | mot de passe | telephone | adresse mail | passwort | \
    telefonnummer | handynummer | senha | ايميل | البريد | كلمه المرور | كلمه السر | رقم الهاتف | رقم الجوال | \
    メールアドレス | パスワード | 電話番号 | ログイン";

/// Where a seller's payouts go.
const PAYOUT_DETAILS: &str = "bank account | bank details | banking details | bank info* | iban | payout details | \
    payout method | payout account | routing number | cuenta bancaria | cuenta de banco | datos bancarios | clabe | \
    metodo de cobro | cuenta de retiro | compte bancaire | coordonnees bancaires | rib | informations bancaires | \
    mode de versement | bankverbindung | bankkonto | kontodaten | bankdaten | auszahlungsmethode | \
    auszahlungskonto | conta bancaria | dados bancarios | chave pix | conta de saque | dados de recebimento | \
    forma de recebimento | الحساب البنكي | حسابي البنكي | الحساب المصرفي | ايبان | بيانات البنك | البيانات البنكيه | \
    حساب السحب | 銀行口座 | 口座 | 振込先 | 入金先 | 受取口座 | 出金先";

/// Someone other than the user changed it: a change the user made themselves is a question, not an attack.
const CHANGED_BY_OTHER: &str = "someone changed | somebody changed | someone has changed | someone else changed | \
    they changed | was changed | has been changed | were changed | got changed | i didn't change | \
    i didnt change | i did not change | changed without | alguien cambio | alguien ha cambiado | \
    alguien modifico | cambiaron | modificaron | yo no cambie | no he cambiado | quelqu'un a change | \
    quelqu'un a modifie | a ete change | a ete modifie | ont ete modifie* | ont ete change* | \
    je n'ai pas change | je n'ai pas modifie | ont change | ont modifie | wurde geandert | wurden geandert | \
    nicht geandert | alguem mudou | alguem alterou | alguem trocou | mudaram | alteraram | trocaram | \
    eu nao alterei | eu nao mudei | eu nao troquei | nao alterei | nao mudei | تم تغيير | غير احد | احد غير | \
    قام احد بتغيير | شخص غير | لم اغير | 変更され | 変更していない | 変更してない | 勝手に変更 | 誰かが変更 | 変えられ";

#[rustfmt::skip]
const ACCOUNT_TAKEOVER: &[Clause] = &[
    any("not me | wasn't me | wasnt me | was not me | hacke* | someone logged in | someone logged into | \
        someone else logged | someone accessed | someone got into | unknown device | unrecognized device | \
        unrecognised device"),
    near("someone changed | somebody changed | someone has changed | someone else changed | was changed | \
        has been changed | were changed | got changed | i didn't change | i didnt change | i did not change | \
        changed without", LOGIN_DETAILS, 5),
    near("login from | logged in from | log in from | sign in from | signed in from | login attempt", 
        "another country | other country | different country | abroad", 6),
    any("no fui yo | no era yo | me robaron la cuenta | alguien entro | alguien inicio sesion | \
        alguien accedio | dispositivo desconocido"),
    near("alguien cambio | alguien ha cambiado | alguien modifico | me cambiaron | cambiaron mi | cambiaron la | \
        yo no cambie | no he cambiado | sin mi permiso | sin mi autorizacion", LOGIN_DETAILS, 5),
    near("inicio de sesion | inicio sesion | acceso", "otro pais | desde el extranjero", 6),
    any("pas moi | pirate* | quelqu'un s'est connecte | appareil inconnu"),
    near("quelqu'un a change | quelqu'un a modifie | a ete change | a ete modifie | ont ete modifie* | \
        je n'ai pas change | je n'ai pas modifie | sans mon accord | sans mon autorisation", LOGIN_DETAILS, 5),
    near("connexion | connecte", "autre pays | de l'etranger", 6),
    any("gehackt | war ich nicht | war nicht ich | nicht ich | unbekanntes gerat | unbekannten gerat | \
        fremdes gerat | fremden gerat"),
    near("jemand hat sich | jemand hat mein* | jemand anderes | fremde person", 
        "eingeloggt | angemeldet | geandert | zugriff*", 6),
    near("nicht geandert | ohne mein wissen | ohne meine zustimmung | wurde geandert | wurden geandert",
        LOGIN_DETAILS, 5),
    near("anmeldung | login | eingeloggt | angemeldet", "ausland | anderen land", 6),
    any("nao fui eu | nao era eu | invadi* | alguem entrou | alguem acessou | dispositivo desconhecido"),
    near("alguem mudou | alguem alterou | alguem trocou | mudaram | alteraram | trocaram | nao alterei | \
        nao mudei | nao troquei | sem minha autorizacao | sem minha permissao", LOGIN_DETAILS, 5),
    near("login | acesso | entrou", "outro pais", 6),
    any("لم اكن انا | مش انا | مو انا | مب انا | موب انا | ليس انا | لست انا | دخل علي حسابي | دخل حسابي | اختراق | اخترق | مخترق | هكر | تهكير | جهاز غير معروف | دخل احد | \
        احد دخل | شخص دخل"),
    near("تم تغيير | غير احد | احد غير | قام احد | شخص غير | لم اغير | بدون علمي | دون علمي", LOGIN_DETAILS, 5),
    both("تسجيل دخول | دخول", "دوله اخري | بلد اخر"),
    any("私ではない | 私じゃない | 自分ではない | 不正ログイン | 乗っ取られ | 乗っ取り | ハッキング | 海外からのログイン | \
        知らない端末 | 見知らぬ端末 | 不明なデバイス | 知らないデバイス"),
    near("誰かが | 勝手に | 変更していない | 変更してない | 変えていない | 身に覚えのない | 知らない間に", LOGIN_DETAILS, 5),
];

#[rustfmt::skip]
const PAYOUT_DETAILS_CHANGED: &[Clause] = &[
    near(PAYOUT_DETAILS, CHANGED_BY_OTHER, 8),
    near3("jemand hat", "geandert | ausgetauscht", PAYOUT_DETAILS, 8),
    near("payout* | withdraw* | earnings | money | pago* | retiro* | ganancias | dinero | versement* | argent | \
        auszahlung* | geld | repasse | saque | dinheiro", "not mine | isn't mine | isnt mine | is not mine | \
        not my account | someone else's account | someone elses account | unknown account | no es mia | \
        no es mi cuenta | cuenta desconocida | pas le mien | n'est pas a moi | pas mon compte | nicht mein konto | \
        nicht meine iban | fremdes konto | nao e minha | nao e meu | conta desconhecida", 12),
    both("الارباح | الاموال | المبلغ | السحب", "ليس حسابي | مش حسابي | حساب لا اعرفه | حساب غير معروف"),
    both("売上金 | 振込 | 出金", "私の口座ではない | 自分の口座ではない | 知らない口座"),
];

/// Paying twice as much is an overcharge, not a second charge.
const TIMES_AS: &str =
    "twice as | two times more | dos veces mas | deux fois plus | doppelt so | duas vezes mais";

#[rustfmt::skip]
const REPEATED_CHARGE: &[Clause] = &[
    any("double charg* | double billed | double billing | charged double | paid twice | billed twice | \
        duplicate charge* | duplicate payment* | duplicated charge*"),
    near("charged | charge | charges | charging | billed | debited | deducted | taken", "twice | two times | 2 times | three times | 3 times | \
        2x | 3x | multiple times | more than once", 4)
    .unless(TIMES_AS),
    near("cobr* | cargo* | cargaron | debit* | descont* | pague", "dos veces | 2 veces | tres veces | 3 veces | \
        doble | duplicad* | repetid*", 4)
    .unless(TIMES_AS),
    near("debit* | prelev* | factur* | paye", "deux fois | 2 fois | trois fois | 3 fois | double* | en double", 4)
        .unless(TIMES_AS),
    near("abgebucht | belastet | berechnet | abbuchung* | bezahlt | gezahlt | abgezogen | kassiert", "zweimal | \
        doppelt* | dreimal | 2 mal | 2x | mehrfach", 4)
    .unless(TIMES_AS),
    near("cobr* | debit* | descont* | paguei", "duas vezes | 2 vezes | tres vezes | 3 vezes | em dobro | dobrad* | \
        duplicad* | duplicidade", 4)
    .unless(TIMES_AS),
    both("خصم | سحب | دفعت | المبلغ | الدفع", "مرتين | مرتان | ثلاث مرات | 3 مرات | مكرر | مضاعف"),
    any("二重に請求 | 二重請求 | 二重引き落とし | 二重に引き落と | 二重決済 | 二重に決済 | 二重課金 | 二重に課金"),
    // Not a bare "2回": "12回払い" is paying in twelve instalments.
    any("2回引き落と | 2回請求 | 2回決済 | 2回課金 | 3回引き落と | 3回請求 | 2回も"),
    both("請求 | 引き落と | 決済 | 課金", "二回 | 三回 | 二度 | 重複して | 重複した"),
];

#[rustfmt::skip]
const UNAUTHORISED_CHARGE: &[Clause] = &[
    any("unauthori* charge* | unauthori* payment* | unauthori* transaction* | unauthori* purchase* | \
        fraudulent charge* | fraudulent transaction* | unknown charge* | unknown transaction* | \
        someone used my card | used my card without"),
    near("didn't make | didnt make | did not make | didn't buy | didnt buy | did not buy | never bought | \
        never ordered | never made | didn't order | didnt order | did not order | didn't authori* | \
        didnt authori* | did not authori* | never authori* | don't recogni* | dont recogni* | \
        do not recogni*", "charge* | purchase* | payment* | transaction* | debit* | billed", 6),
    near("no hice | no he hecho | no realice | no reconozco | no autorice | nunca compre | no compre | \
        sin mi autorizacion | sin autorizacion | sin mi permiso | no autorizad*", "compra* | \
        cargo* | cobro* | pago* | transaccion* | cobraron | cargaron", 6),
    near("je n'ai pas fait | je n'ai pas effectue | je ne reconnais pas | n'ai jamais achete | pas autorise* | \
        non autorise* | sans mon autorisation | sans mon accord", "achat* | paiement* | \
        prelevement* | debit* | transaction*", 6),
    near("nicht getatigt | nicht gemacht | nicht bestellt | nicht gekauft | nie bestellt | nie gekauft | \
        nicht autorisiert* | unautorisiert* | kenne ich nicht | nicht erkenne | \
        ohne meine zustimmung | ohne mein wissen | nicht von mir", "abbuchung* | zahlung* | kauf | einkauf | \
        belastung* | transaktion* | abgebucht", 6),
    near("nao fiz | nao realizei | nao reconheco | nao autorizei | nunca comprei | nao comprei | \
        sem minha autorizacao | sem autorizacao | nao autorizad*", "compra* | cobranca* | pagamento* | \
        debito* | transac* | cobraram", 6),
    // An unknown charge, not an unknown error while paying.
    near("desconocid* | inconnu* | unbekannte* | desconhecid*", "compra* | cargo* | cobro* | transaccion* | \
        achat* | prelevement* | debit* | transaction* | abbuchung* | belastung* | transaktion* | cobranca* | \
        debito* | transac*", 2),
    any("عمليه غير معروفه | عمليه شراء غير معروفه | خصم غير معروف | مبلغ غير معروف | سحب غير معروف"),
    both("لم اقم | لم اشتر | لم اطلب | ما اشتريت | ما طلبت | ما سويت | مش انا اللي | غير مصرح | بدون اذني | دون اذني | بدون علمي | دون علمي | لست انا | \
        لم اكن انا", "عمليه | شراء | خصم | سحب | مبلغ | دفع"),
    any("身に覚えのない請求 | 身に覚えのない引き落と | 身に覚えのない決済 | 身に覚えのない購入 | 身に覚えのない支払 | \
        覚えのない請求 | 覚えのない引き落と | 不正利用 | 不正請求 | 不正な請求 | 勝手に購入 | 勝手に決済"),
    both("購入していない | 買っていない | 注文していない | 購入した覚え | 注文した覚え", "請求 | 引き落と | 決済 | 課金"),
];

/// A bad review is a seller's lever, not a danger to anyone: a threat of one is not urgent.
const REVIEWS: &str = "review* | rating* | feedback | stars | resena* | calificacion* | valoracion* | \
    mauvais avis | avis negatif | un avis | commentaire* | bewertung* | rezension* | avaliac* | comentario* | تقييم | مراجعه | レビュー | 評価 | 口コミ";

#[rustfmt::skip]
const THREAT: &[Clause] = &[
    any("knows where i live | know where i live | knows my address | harass* | stalk* | scared for my | afraid for my | death threat* | kill me | going to kill | blackmail* | \
        extort* | insulting me | insults me | i feel unsafe | fear for my"),
    // Fear of a person, not of a lost parcel ("I'm scared my order won't come").
    near("i'm scared | im scared | i am scared | i'm afraid | im afraid | i am afraid | scared | afraid", "of him | \
        of her | of them | of this seller | of this buyer | for my safety | for my life | for my family", 2),
    any("sabe donde vivo | sabe mi direccion | me acosa | acoso | acosando | acosador* | le tengo miedo | tengo miedo de el | \
        tengo miedo de ella | miedo por mi seguridad | miedo por mi vida | miedo por mi familia | me insulta | insultandome | chantaje* | extorsion*"),
    any("sait ou j'habite | sait ou je vis | connait mon adresse | harcel* | j'ai peur de lui | j'ai peur d'elle | \
        peur pour ma securite | peur pour ma vie | peur pour ma famille | m'insulte | m'insultent | \
        m'a insulte | chantage"),
    any("weiss wo ich wohne | weiss wo ich lebe | kennt meine adresse | belastig* | angst vor ihm | angst vor ihr | \
        angst um meine sicherheit | angst um mein leben | angst um meine familie | \
        beleidigt mich | beschimpft mich | erpress*"),
    any("sabe onde eu moro | sabe onde moro | sabe meu endereco | assedi* | medo dele | medo dela | \
        medo pela minha seguranca | medo pela minha vida | medo pela minha familia | me perseguindo | me xingando | me xingou | me ofendendo | chantage*"),
    any("يعرف اين اسكن | يعرف عنواني | يعرف مكان سكني | تحرش | يتحرش | يضايقني | اخاف منه | خائف منه | خايف منه | خايف علي حياتي | يلاحقني | \
        يشتمني | يسبني | ابتزاز | يبتزني"),
    both("怖い | 恐ろしい | 恐怖", "出品者 | 購入者 | 相手 | 売り手 | 買い手 | 住所"),
    any("住所を知って | 住所知って | 家を知って | 家知って | ストーカー | つきまと | 嫌がらせ | 身の危険 | 恐怖を感じ | 怖くて | 暴言 | 恐喝"),
    any("threat* | amenaz* | menac* | bedroh* | droht | drohung* | ameac* | يهدد | هددني | تهديد | 脅迫 | 脅され | 脅し")
        .unless(REVIEWS),
];

/// Fire as a figure of speech: a sale, a price, praise ("these sneakers are fire").
const FIGURES_OF_FIRE: &str = "fire sale | is fire | are fire | so fire | straight fire | liquidacion | \
    precios de fuego | prix casses | prix qui flambent | feuer und flamme | raumungsverkauf | queima de estoque | \
    queima total | حرق الاسعار | حريق الاسعار | حريق اسعار | عروض ناريه | 在庫一掃 | 炎上";

#[rustfmt::skip]
const PRODUCT_SAFETY: &[Clause] = &[
    any("caught fire | catch fire | caught on fire | on fire | set fire | started a fire | fire hazard | \
        burst into flames | in flames | flames | melted | melting | exploded | explosion | electric shock | \
        electrocuted | gave me a shock | got a shock | injur* | hurt my child | hurt my son | hurt my daughter | \
        hurt my kid | hurt my baby | allergic reaction | anaphyla* | choking hazard | sparks | sparking | overheat*")
        .unless(FIGURES_OF_FIRE),
    any("smoke | smoking | fumes").unless("smoking deal* | smoking hot | smoke free | non smoking | no smoking"),
    any("burned | burnt | burns | burn mark* | scorch*").unless("burned by | got burned | burned out | burnt out"),
    any("echaba humo | echa humo | salio humo | humo | prendio fuego | se prendio | incendi* | fuego | \
        se quemo | quemadura* | derriti* | exploto | en llamas | descarga electrica | me dio corriente | electrocut* | \
        lesion* | herido | herida | se lastimo | reaccion alergica").unless(FIGURES_OF_FIRE),
    any("a pris feu | pris feu | prend feu | en feu | incendie | flamme* | fumee | brul* | fondu | a explose | \
        choc electrique | decharge electrique | blesse | blessee | blessure* | reaction allergique | etincelle*").unless(FIGURES_OF_FIRE),
    any("feuer | in brand geraten | brannte | verbrannt | verbrennung* | rauch | raucht | qualm* | geschmolzen | \
        geschmort | explodiert | stromschlag | elektrischen schlag | hat sich verletzt | \
        habe mich verletzt | hab mich verletzt | wurde verletzt | verletzte sich | verletzungen | allergische reaktion | funken").unless(FIGURES_OF_FIRE),
    any("pegou fogo | fogo | fumaca | derret* | explodiu | explosao | queimou | queimadura* | choque eletrico | \
        levei um choque | tomei choque | tomei um choque | machucou | machucad* | ferimento* | reacao alergica").unless(FIGURES_OF_FIRE),
    any("دخان | حريق | احترق | احتراق | اشتعل | النار | ذابت | انصهر | انفجر | انفجار | صعقه | كهربتني | حروق | اصابه | \
        اصيب | جرح | تحسس").unless(FIGURES_OF_FIRE),
    any("発火 | 火が出 | 燃え | 煙 | 焦げ | 火傷 | やけど | 溶け | 爆発 | 破裂 | 感電 | 怪我 | ケガ | アレルギー反応 | 発煙 | 火事 | \
        火花").unless(FIGURES_OF_FIRE),
];

/// Declined once is a failed payment; these say the user cannot get through at all.
#[rustfmt::skip]
const LOCKED_OUT: &[Clause] = &[
    near("can't | cant | cannot | unable to | not able to | impossible to | won't let me | wont let me | \
        will not let me | doesn't let me | doesnt let me | does not let me", "check out | checkout | pay | \
        make a payment | make the payment | make payment | complete the payment | complete my purchase | \
        complete the purchase | complete my order | place my order | place an order | withdraw* | cash out | \
        payout*", 3),
    near("locked out", "payout* | withdraw* | checkout | payment* | earnings | balance", 4),
    near("restricted from | banned from | blocked from | suspended from", "purchas* | buying | checkout | \
        paying | payment* | withdraw* | payout*", 4),
    near("won't show | wont show | doesn't show | doesnt show | not showing | no longer shows | disappeared",
        "pay button | payment button | checkout button | buy button", 4),
    near("keeps failing | keep failing | keeps getting declined | keeps declining | always fails | every time | \
        each time | tried several times | tried multiple times | tried many times | several cards | \
        different cards | multiple cards | all my cards", "pay | payment* | checkout | card* | declined | \
        withdraw* | payout*", 6),
    near("no puedo | no me deja | no me permite | imposible | no logro | no consigo", "pagar | finalizar la compra | \
        completar la compra | terminar la compra | hacer el pago | realizar el pago | retirar mi* | \
        retirar el dinero | cobrar mis", 3),
    near("cada vez | sigue fallando | varias veces | todas las veces | una y otra vez | todas mis tarjetas | \
        varias tarjetas", "pago | pagar | tarjeta* | rechaz* | falla*", 6),
    near("impossible de | je ne peux pas | je n'arrive pas a | n'arrive pas a | ne me laisse pas | \
        m'empeche de | pas moyen de", "payer | paiement | valider* | finaliser | commander | retirer", 4),
    near("a chaque fois | chaque fois | plusieurs fois | toutes mes cartes | plusieurs cartes", "paiement | \
        payer | carte* | refus* | echou*", 6),
    near3("kann | kann ich | konnen | lasst | geht | klappt | funktioniert", "nicht | unmoglich", "bezahlen | \
        zahlen | kasse | checkout | auszahlen | auszahlung* | abheben", 5),
    near("jedes mal | jedesmal | immer wieder | mehrmals | mehrere karten | alle karten", "zahlung* | bezahl* | \
        karte* | abgelehnt | fehl*", 6),
    near("nao consigo | nao deixa | nao me deixa | impossivel | nao estou conseguindo | nao to conseguindo | \
        nao da pra", "pagar | finalizar | concluir a compra | fazer o pagamento | efetuar o pagamento | sacar | \
        saque | retirar", 4),
    near("toda vez | todas as vezes | varias vezes | varios cartoes | todos os cartoes", "pagamento | pagar | \
        cartao | cartoes | recusad* | erro | falh*", 6),
    both("لا استطيع | لا اقدر | لا يمكنني | ما اقدر | مش قادر | لم استطع | لا يسمح لي | غير قادر | ما يخليني | مقدرش", 
        "الدفع | ادفع | اتمام الشراء | اتمام الطلب | اكمال الطلب | اكمال الشراء | السحب | اسحب"),
    both("كل مره | عده مرات | مرارا | يفشل دائما | دائما يفشل | تفشل دائما", "الدفع | البطاقه | مرفوض | رفض | تفشل | \
        يفشل | السحب"),
    any("支払いができない | 支払いができません | 支払いできない | 支払いできません | 支払えない | 支払えません | \
        決済できない | 決済できません | 決済ができない | 決済ができません | 購入できない | 購入できません | \
        出金できない | 出金できません | 引き出せない | 引き出せません | 払えない | 払えません"),
    both("何度やって | 何回やって | 毎回 | 何度も", "エラー | 失敗 | 決済 | 支払 | カード"),
];

/// Courts and lawyers in any language; a deadline near one of these is a legal deadline.
const COURT: &str = "court | judge | lawyer* | attorney* | lawsuit | legal | tribunal* | small claims | juzgado | \
    juicio | juez | abogad* | demanda judicial | demandar* | avocat* | justice | juge | huissier | mise en demeure | gericht | \
    gerichts* | gerichtlich* | anwalt* | rechtsanwalt* | klage* | mahnbescheid | processo judicial | processar | justica | juiz* | advogad* | procon";

#[rustfmt::skip]
const LEGAL_DEADLINE: &[Clause] = &[
    any("court date | court hearing | hearing date | hearing in court | court appearance | trial date | summons | \
        subpoena | deadline to respond | deadline to reply"),
    near("deadline* | by monday | by tuesday | by wednesday | by thursday | by friday | by tomorrow | \
        within * days | days to respond", COURT, 12),
    any("tengo juicio | fecha del juicio | audiencia judicial | tengo audiencia | citacion judicial | citatorio"),
    near("plazo* | fecha limite | para el lunes | para el viernes | para manana | antes del | audiencia*", COURT, 12),
    any("audience au tribunal | convocation au tribunal | date d'audience | convoque au tribunal"),
    near("delai* | date limite | avant lundi | avant vendredi | avant demain | sous * jours", COURT, 12),
    any("gerichtstermin* | gerichtsverhandlung* | ladung zum gericht"),
    near("frist* | bis montag | bis freitag | bis morgen | innerhalb von", COURT, 12),
    any("audiencia de conciliacao | tenho audiencia | minha audiencia | data da audiencia | intimacao"),
    near("audiencia* | prazo* | ate segunda | ate sexta | ate amanha", COURT, 12),
    any("موعد المحكمه | جلسه المحكمه | جلسه في المحكمه | موعد الجلسه"),
    both("مهله | موعد نهائي | اخر موعد | قبل يوم", "محكمه | محامي | قضيه | قضائي"),
    any("裁判の日 | 裁判があ | 裁判所 | 出廷 | 公判 | 口頭弁論"),
    both("期限 | 締め切り | 締切 | までに", "裁判 | 弁護士 | 訴訟 | 法的 | 内容証明"),
];

#[rustfmt::skip]
pub(super) const URGENT: [Rule; 8] = [
    Rule { reason: |words| TriageReason::AccountTakeover { words }, queue: |_| Some(Queue::General), clauses: ACCOUNT_TAKEOVER },
    Rule { reason: |words| TriageReason::PayoutDetailsChanged { words }, queue: |_| Some(Queue::Payouts), clauses: PAYOUT_DETAILS_CHANGED },
    Rule { reason: |words| TriageReason::RepeatedCharge { words }, queue: |_| Some(Queue::Payments), clauses: REPEATED_CHARGE },
    Rule { reason: |words| TriageReason::UnauthorisedCharge { words }, queue: |_| Some(Queue::Payments), clauses: UNAUTHORISED_CHARGE },
    Rule { reason: |words| TriageReason::Threat { words }, queue: |_| Some(Queue::Disputes), clauses: THREAT },
    Rule { reason: |words| TriageReason::ProductSafety { words }, queue: |_| Some(Queue::Disputes), clauses: PRODUCT_SAFETY },
    Rule { reason: |words| TriageReason::LockedOut { words }, queue: locked_out_queue, clauses: LOCKED_OUT },
    Rule { reason: |words| TriageReason::LegalDeadline { words }, queue: |_| None, clauses: LEGAL_DEADLINE },
];

/// Locked out of payouts is for the payouts team, out of checkout for payments.
fn locked_out_queue(text: &Text) -> Option<Queue> {
    match text.find_any(&split(PAYOUT_WORDS)) {
        Some(_) => Some(Queue::Payouts),
        None => Some(Queue::Payments),
    }
}

/// "Estorno" alone is an ordinary refund in Brazil, "processo" a verification process, "demanda" demand and
/// "legal" cool in Portuguese: only the phrases that say bank, card issuer or court count.
#[rustfmt::skip]
pub(super) const ALARMS: [Rule; 3] = [
    Rule {
        reason: |words| TriageReason::Chargeback { words },
        queue: |_| None,
        clauses: &[any("chargeback* | charge back | contracargo* | desconocer el cargo | desconocer la compra | \
            retrofacturation* | contester le paiement aupres de ma banque | faire opposition | fais opposition | \
            faire une opposition | opposition bancaire | opposition aupres de ma banque | ruckbuchung* | ruckbelastung* | \
            zuruckbuch* | contestar a compra | contestacao | estorno pelo banco | estorno junto ao banco | \
            estorno com o banco | pedir estorno ao banco | استرداد المبلغ من البنك | استرجاع المبلغ من البنك | \
            الاعتراض علي العمليه | チャージバック | カード会社に異議")],
    },
    Rule {
        reason: |words| TriageReason::LegalThreat { words },
        queue: |_| None,
        clauses: &[any("lawyer* | attorney* | solicitor* | lawsuit | sue | suing | court | police | small claims | \
            trading standards | ombudsman | abogado* | denuncia* | demandar* | demanda judicial | juzgado | \
            policia | profeco | accion* legal* | avocat* | plainte | tribunal | gendarmerie | mise en demeure | \
            huissier | anwalt* | rechtsanwalt* | polizei | strafanzeige | anzeige erstatten | verklagen | klage | \
            verbraucherzentrale | rechtliche schritte | advogad* | processar | processo judicial | \
            entrar na justica | juizado | procon | boletim de ocorrencia | محامي | شرطه | محكمه | بلاغ | دعوي | \
            حمايه المستهلك | 弁護士 | 警察 | 訴え | 訴訟 | 法的措置 | 消費者センター | 消費生活センター")],
    },
    Rule {
        reason: |words| TriageReason::FraudClaim { words },
        queue: |_| None,
        clauses: &[any("fraud* | scam* | estafa* | arnaqu* | escroc* | escroquerie | betrug* | betrog* | \
            betruger* | abzocke | um golpe | e golpe | no golpe | num golpe | golpista* | احتيال | محتال | النصب | \
            نصاب | نصبوا | 詐欺 | 騙され | だまされ")],
    },
];

#[rustfmt::skip]
pub(super) const PAYOUT_HOLD: Rule = Rule {
    reason: |words| TriageReason::PayoutDelayed { words },
    queue: |_| Some(Queue::Payouts),
    clauses: &[any("blocked | on hold | held | frozen | freeze | suspended | withheld | paused | stuck | \
        retenid* | bloquead* | congelad* | suspendid* | en espera | atorad* | bloque | bloques | bloquee* | \
        gele | geles | gelee* | suspendu* | en attente | retenu* | gesperrt | eingefroren | zuruckgehalten | \
        blockiert | einbehalten | angehalten | retido* | retida* | suspens* | travad* | محجوز | مجمد | معلق | \
        موقوف | 保留 | 凍結 | 止められ | 差し止め")],
};
