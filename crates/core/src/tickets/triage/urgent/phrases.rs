//! The phrase tables of the urgent rules, one or more clauses per language, written folded (see
//! [`Text::find`]): what each rule catches, and the judgement calls that keep it precise.

use super::harm::{LEGAL_DEADLINE, PRODUCT_SAFETY, THREAT};
use super::locked::LOCKED_OUT;
use super::{Clause, Rule, any, both, near, near3};
use crate::tickets::triage::text::{Text, phrases};
use crate::tickets::{Queue, TriageReason};

/// Words that make a blocked payment a blocked payout.
pub(super) const PAYOUT_WORDS: &str = "payout* | withdraw* | cash out | earnings | retirar | retiro* | versement* | retirer | \
    auszahl* | abheben | saque | sacar | السحب | اسحب | الارباح | الرصيد | 出金 | 引き出 | 売上金 | 振込申請";

/// Login details someone else might change.
const LOGIN_DETAILS: &str = "email | e mail | mail | password | phone | phone number | 2fa | login details | \
    correo | contrasena | clave | telefono | celular | mot de passe | telephone | adresse mail | passwort | \
    telefonnummer | handynummer | senha | ايميل | البريد | كلمه المرور | كلمه السر | رقم الهاتف | رقم الجوال | \
    メールアドレス | パスワード | 電話番号 | ログイン";

/// Where a seller's payouts go.
const PAYOUT_DETAILS: &str = "bank account | bank details | banking details | bank info* | iban | payout details | \
    payout method | payout account | routing number | cuenta bancaria | cuenta de banco | datos bancarios | clabe | \
    metodo de cobro | cuenta de retiro | cuenta donde recibo | compte bancaire | coordonnees bancaires | rib | \
    informations bancaires | infos bancaires | mode de versement | l'iban | d'iban | bankverbindung | bankkonto | \
    kontodaten | bankdaten | auszahlungsmethode | auszahlungskonto | conta bancaria | dados bancarios | chave pix | \
    conta de saque | dados de recebimento | forma de recebimento | conta de recebimento | conta onde recebo | \
    الحساب البنكي | حسابي البنكي | الحساب المصرفي | ايبان | الايبان | بيانات البنك | البيانات البنكيه | حساب السحب | 銀行口座 | \
    口座 | 振込先 | 入金先 | 受取口座 | 出金先";

/// Someone other than the user changed it: a change the user made themselves is a question, not an attack.
const CHANGED_BY_OTHER: &str = "someone changed | somebody changed | someone has changed | someone else changed | \
    they changed | was changed | has been changed | were changed | got changed | i didn't change | \
    i didnt change | i did not change | changed without | was switched | were switched | got switched | \
    someone updated | somebody updated | someone swapped | someone replaced | was swapped | \
    were swapped | was replaced | were replaced | hacker changed | hacker swapped | hacker replaced | \
    alguien cambio | alguien ha cambiado | alguien modifico | cambiaron | modificaron | yo no cambie | \
    no he cambiado | quelqu'un a change | quelqu'un a modifie | quelqu'un a remplace | a ete change* | \
    a ete modifie* | a ete remplace* | ont ete modifie* | ont ete change* | je n'ai pas change | \
    je n'ai pas modifie | ont change | ont modifie | ont remplace | wurde geandert | \
    wurden geandert | nicht geandert | alguem mudou | alguem alterou | \
    alguem trocou | mudaram | alteraram | trocaram | eu nao alterei | eu nao mudei | eu nao troquei | nao alterei | \
    nao mudei | تم تغيير | تم تعديل | تم تبديل | غير احد | احد غير | احد بدل | \
    احد عدل | شخص عدل | شخص بدل | قام احد بتغيير | شخص غير | لم اغير | ما غيرت | i didn't touch anything | \
    i didnt touch anything | i haven't touched anything | no toque nada | je n'ai rien touche | \
    je n'ai touche a rien | j'ai rien touche | no he tocado nada | yo no he tocado nada | متغير | \
    واحد ثاني حط | ما سويت شي | j'ai rien modifie | j'ai rien change | je n'ai rien modifie | \
    je n'ai rien change | nichts geandert | nie geandert | nie geaendert | hab ich nie | nao mexi em nada | 変更され | \
    変更していない | 変更してない | 変更していません | 勝手に変更 | 知らないうちに変 | 知らない間に変 | いつの間にか変 | 勝手に変わ | 勝手に書き換え | 書き換えられ | 誰かが変更 | 変えられ";

/// "Not me", said of what happened in the account. French "pas moi" alone also shifts blame ("c'est la Poste,
/// pas moi"): only the denial counts.
const DENIAL: &str = "not me | wasn't me | wasnt me | was not me | no fui yo | no era yo | c'est pas moi | \
    ich war das nicht | ich war es nicht | \
    ce n'est pas moi | c'etait pas moi | ce n'etait pas moi | c'est vraiment pas moi | \
    war ich nicht | war nicht ich | nicht ich | nao fui eu | nao era eu | لم اكن انا | مش انا | مو انا | مب انا | \
    موب انا | ليس انا | لست انا | 私ではない | 私じゃない | 自分ではない | 私ではありません | 私じゃありません | \
    自分ではありません";

/// The user changed it themselves ("was changed… then I realised it was me"): "no fui yo" and "das war ich
/// nicht" deny it, so only the phrases that cannot be read in a denial count.
pub(super) const CHANGED_BY_THEMSELVES: &str = "it was me | was me resetting | was me who | i did it myself | \
    i reset it myself | pero fui yo | fui yo quien | fui yo que | lo hice yo | c'etait moi | das war ich selbst | \
    war ich selbst | habe ich selbst | mas fui eu | fui eu mesm* | fui eu que | انا اللي غيرت | انا يلي غيرت | \
    انا الي غيرت | انا غيرتها | انا بنفسي | 自分で変更";

/// Someone close to the user did it ("it wasn't me, it was my husband"): a household matter, not an attack.
const HOUSEHOLD: &str = "my husband | my wife | my partner | my son | my daughter | my kid | my mom | my mum | my dad | \
    mi esposo | mi marido | mi esposa | mi mujer | mi hijo | mi hija | mon mari | ma femme | mon fils | ma fille | \
    mein mann | meine frau | mein sohn | meine tochter | meu marido | minha esposa | minha mulher | meu filho | \
    minha filha | زوجي | زوجتي | ابني | بنتي | 夫 | 妻 | 息子 | 娘";

/// A first order: "I have never ordered from you" says the user is new, not that orders appeared.
const NEW_CUSTOMER: &str = "never ordered from you | never ordered with you | never ordered here before | \
    first order | jamais commande chez vous | jamais commande sur | premiere commande | nunca he pedido con | \
    nunca pedi con | primer pedido | primera compra | noch nie bei ihnen | noch nie bei euch | erste bestellung | \
    nunca comprei com | nunca pedi com | primeiro pedido | primeira compra";

/// Orders, listings or purchases in the user's own account.
const ACCOUNT_DEALINGS: &str = "order | orders | listing* | message* | pedido* | mensaje* | commande* | \
    annonce* | bestellung* | nachricht* | anzeige* | angebot* | artikel | anuncio* | mensage* | طلب | طلبات | \
    رسايل | رسائل | 注文 | 出品 | メッセージ";

/// Said of dealings in the account: the user did not make them.
const NOT_MADE_BY_THEM: &str = "never placed | didn't place | didnt place | did not place | didn't make | \
    didnt make | did not make | never made | didn't order | didnt order | never ordered | didn't send | \
    didnt send | never sent | never wrote | didn't write | que yo no hice | que no hice | yo no hice | \
    que yo no he hecho | que no he hecho | no he hecho | nunca envie | yo no envie | je n'ai jamais ecrit | \
    je n'ai pas ecrit* | n'ai jamais envoye | nie geschickt | nicht geschickt | nicht geschrieben | \
    eu nao enviei | nunca enviei | que no pedi | nunca pedi | jamais commande | pas commande | pas passe* | \
    jamais passe* | ما ارسلت | ما ارسلتها | لم ارسل | ich nicht gemacht | ich nicht bestellt | nie bestellt | hab das nicht gemacht | \
    habe das nicht gemacht | nicht von mir | que eu nao fiz | eu nao fiz | nao fiz | que nao fiz | nunca fiz | \
    ما سويته | ما سويتها | ما طلبته | ما طلبتها | لم اطلبه | لم اطلبها | لم اقم به | 知らない | 身に覚えのない";

/// A new sign-in the service reported, somewhere the user is not: writing to support about it says it was not
/// them.
const NEW_SIGN_IN_FROM: &str = "new login from | new sign in from | new sign-in from | new login in | \
    nuevo inicio de sesion desde | nuevo inicio de sesion en | nuevo acceso desde | nouvelle connexion depuis | \
    nouvelle connexion a | neue anmeldung aus | neue anmeldung in | novo acesso em | novo acesso de | \
    novo login em | novo login de | تسجيل دخول جديد من | 新しいログイン";

/// A charge in the message: "not me" said of it denies the charge (payments), it does not report a takeover.
const CHARGED: &str = "charge* | purchase* | transaction* | payment* | debit* | billed | cargo* | me cobr* | \
    cobraron | cobraram | cobrado | cobrada | compra | compras | pago | pagos | prelevement* | achat* | \
    paiement* | abbuchung* | abgebucht | belastung* | zahlung* | kauf | einkauf | cobranca* | pagamento* | خصم | \
    عمليه | مبلغ | 請求 | 引き落と | 決済 | 購入";

/// A reset or a code the user did not ask for: someone else is trying their login (or has it).
const NOT_REQUESTED: &str = "never requested | didn't request | didnt request | did not request | never asked for | \
    didn't ask for | didnt ask for | no pedi | yo no pedi | nunca pedi | no solicite | nunca solicite | \
    rien demande | pas demande | jamais demande | nicht angefordert | nie angefordert | nicht beantragt | nao pedi | \
    nao solicitei | nunca solicitei";

#[rustfmt::skip]
const ACCOUNT_TAKEOVER: &[Clause] = &[
    any(DENIAL).unless(CHARGED).unless(HOUSEHOLD),
    // Orders or listings the user did not make, in their account: someone is using it.
    near(NOT_MADE_BY_THEM, ACCOUNT_DEALINGS, 8).unless(HOUSEHOLD).unless(NEW_CUSTOMER),
    any(NEW_SIGN_IN_FROM),
    // Hacked, not a shelf "hacked together" or a "life hack".
    any("hacke* | hijack* | someone logged in | someone logged into | \
        someone else logged | someone accessed | someone got into | unknown device | unrecognized device | \
        unrecognised device | device i don't know | device i dont know | suspicious login* | suspicious sign in* | \
        unusual login* | unusual sign in* | strange login* | weird login* | suspicious activity on my account | \
        unusual activity on my account | account stolen | stole my account | stolen account | took over my account | \
        compromised | account was accessed | account has been accessed | account got accessed")
        .unless("hacked together | hack together | life hack* | hackathon"),
    // Someone in the account now, not someone from the team looking into it ("can someone look into my account?").
    near("someone | somebody | a stranger | a hacker", "has access to my account | is logged in as me | \
        is logged into my account | is in my account | is using my account | has been using my account | \
        took over my account | took my account", 3),
    near("someone changed | somebody changed | someone has changed | someone else changed | was changed | \
        has been changed | were changed | got changed | was reset | has been reset | got reset | i didn't change | \
        i didnt change | i did not change | changed without", LOGIN_DETAILS, 5).unless(CHANGED_BY_THEMSELVES),
    // The account, or what logs into it, now someone else's.
    // "…my email address had been updated to a different one, which I did not do."
    near(LOGIN_DETAILS, "which i did not do | which i didn't do | which i didnt do | i did not do this | \
        i didn't do this | i did not do that | i didn't do that | i did not authori* | not authori* by me | \
        nicht veranlasst | habe ich nicht veranlasst | no lo hice yo | yo no lo hice | je ne l'ai pas fait | \
        nao fui eu que | eu nao fiz isso | ما سويت شي | 心当たりがない | 心当たりがありません", 12)
        .unless(CHANGED_BY_THEMSELVES),
    near("account | acc | profile", "isn't mine anymore | isnt mine anymore | is not mine anymore | \
        not mine anymore | no longer mine", 3),
    near(LOGIN_DETAILS, "isn't mine | isnt mine | is not mine | not mine | never seen", 6).unless(CHARGED),
    near("code | codes | reset | verification | login attempt* | sign in attempt* | cambio de contrasena | codigo* | \
        restablec* | changement de mot de passe | reinitialisation | code de verification | passwort zuruck* | \
        bestatigungscode | troca de senha | redefini* | codigo de verificacao", NOT_REQUESTED, 8),
    near("login from | logged in from | log in from | sign in from | signed in from | login attempt", 
        "another country | other country | different country | abroad", 6),
    any("me robaron la cuenta | robaron mi cuenta | cuenta robada | alguien entro | \
        alguien inicio sesion | alguien accedio | alguien tiene acceso | alguien esta usando mi cuenta | \
        alguien usa mi cuenta | se metieron a mi cuenta | se metieron en mi cuenta | entraron a mi cuenta | \
        entraron en mi cuenta | entraron a la cuenta | entraron en la cuenta | se metieron a la cuenta | \
        se metieron en la cuenta | dispositivo desconocido | actividad sospechosa"),
    near("alguien cambio | alguien ha cambiado | alguien modifico | me cambiaron | cambiaron mi | cambiaron la | \
        yo no cambie | no he cambiado | sin mi permiso | sin mi autorizacion", LOGIN_DETAILS, 5)
        .unless(CHANGED_BY_THEMSELVES),
    near("inicio de sesion | inicio sesion | acceso", "otro pais | desde el extranjero | no reconozco | sospechos*", 8),
    any("pirate* | quelqu'un s'est connecte | appareil inconnu | quelqu'un a acces | \
        quelqu'un utilise mon compte | quelqu'un s'est introduit | vole mon compte | compte vole | \
        appareil que je ne connais pas | appareil que je connais pas | connexion suspecte | connexion inhabituelle | \
        activite suspecte | s'est servi de mon compte | se sert de mon compte"),
    near("compte | profil", "n'est plus le mien | n'est plus a moi", 6),
    near("quelqu'un a change | quelqu'un a modifie | a ete change* | a ete modifie* | ont ete modifie* | \
        ont ete change* | je n'ai pas change | je n'ai pas modifie | sans mon accord | sans mon autorisation",
        LOGIN_DETAILS, 5).unless(CHANGED_BY_THEMSELVES),
    near("connexion | connecte", "autre pays | de l'etranger", 6),
    any("gehackt | unbekanntes gerat | unbekannten gerat | \
        fremdes gerat | fremden gerat | fremder zugriff | unbefugte* zugriff | unberechtigte* zugriff | \
        verdachtige anmeldung* | verdachtiger login | verdachtige aktivitat* | ungewohnliche anmeldung* | \
        jemand in meinem konto | jemand in meinem account | jemand ist in meinem konto | jemand ist in meinem account"),
    near("jemand hat sich | jemand hat mein* | jemand anderes | fremde person", 
        "eingeloggt | angemeldet | geandert | zugriff*", 6),
    // "Kein Zugriff auf mein Konto" is the user's own login trouble: someone else must have it.
    near3("jemand | fremde*", "zugriff | benutzt | nutzt | verwendet", "konto | account | kundenkonto | profil", 5),
    near("konto | account | acc | acct | cuenta | compte | conta", "gekapert | ubernommen | geklaut | gestohlen | \
        stolen | taken over | robada | vole | roubada", 3),
    near("nicht geandert | ohne mein wissen | ohne meine zustimmung | wurde geandert | wurden geandert",
        LOGIN_DETAILS, 5).unless(CHANGED_BY_THEMSELVES),
    near("anmeldung | login | eingeloggt | angemeldet", "ausland | anderen land", 6),
    any("invadi* | alguem entrou | alguem acessou | dispositivo desconhecido | \
        roubaram minha conta | roubaram a minha conta | conta roubada | clonaram minha conta | \
        clonaram a minha conta | conta clonada | \
        alguem esta usando | alguem ta usando | alguem usando minha conta | alguem usou minha conta | \
        alguem tem acesso | login estranho | login suspeito | acesso suspeito | acesso estranho | \
        atividade suspeita | minha conta nao e mais minha"),
    near("alguem mudou | alguem alterou | alguem trocou | mudaram | alteraram | trocaram | nao alterei | \
        nao mudei | nao troquei | sem minha autorizacao | sem minha permissao", LOGIN_DETAILS, 5)
        .unless(CHANGED_BY_THEMSELVES),
    near("login | acesso | entrou", "outro pais", 6),
    any("دخل علي حسابي | دخل حسابي | اختراق | اخترق | \
        مخترق | هكر | تهكير | جهاز غير معروف | دخل احد | احد دخل | شخص دخل | سرق حسابي | سرقوا حسابي | سرقه حسابي | \
        انسرق حسابي | حسابي انسرق | حسابي مسروق | احد يستخدم حسابي | شخص يستخدم حسابي | احد يستعمل حسابي | \
        دخول غريب | دخول مشبوه | نشاط مشبوه | داخل علي حسابي | داخل حسابي | انسرق الحساب | سرقوا الحساب | الحساب انسرق | الحساب مسروق"),
    near("تم تغيير | غير احد | احد غير | قام احد | شخص غير | لم اغير | بدون علمي | دون علمي | تغيرت | اتغير | انغيرت | \
        ما غيرتش | مغيرتش",
        LOGIN_DETAILS, 5).unless(CHANGED_BY_THEMSELVES),
    both("رمز تحقق | رمز التحقق | كود تحقق | كود التحقق", "ما طلبت | لم اطلب"),
    both("تسجيل دخول | دخول", "دوله اخري | بلد اخر"),
    any("不正ログイン | 乗っ取られ | 乗っ取り | ハッキング | 海外からのログイン | \
        知らない端末 | 見知らぬ端末 | 不明なデバイス | 知らないデバイス | 不正アクセス | 不審なログイン | 不審なアクセス | \
        身に覚えのないアクセス | アカウントが不正 | アカウントを不正 | 不正に利用され"),
    near("誰かが | 勝手に | 変更していない | 変更してない | 変更していません | 変えていない | 変えていません | 変えられ | 身に覚えのない | 知らない間に | いつの間にか | \
        知らないうちに | 知らないもの | 知らないアドレス", LOGIN_DETAILS, 5),
    both("誰か | 他人 | 第三者", "アカウントを使 | アカウントに入 | アカウントにログイン | ログインされ"),
];

/// The user did not agree to it; with a change it says who changed it ("without my consent" alone may be a debit).
const WITHOUT_CONSENT: &str = "without my permission | without my consent | without my knowledge | \
    sin mi permiso | sin mi autorizacion | sin mi consentimiento | sans mon accord | sans mon autorisation | \
    ohne mein wissen | ohne meine zustimmung | sem minha autorizacao | sem minha permissao | sem eu saber | \
    بدون علمي | دون علمي | بدون اذني | 勝手に | 知らない間に";

/// The verbs of a change, in every language.
const CHANGED: &str = "change* | modified | replaced | swapped | updated | cambi* | modific* | modifie* | \
    remplace* | geandert | ausgetauscht | alter* | mudad* | mudaram | trocad* | trocaram | تغير | تعديل | تبديل | \
    変更 | 変わ";

/// Said of where the money went: not the user's account, or one they do not know. "Another account" alone is a
/// question ("can I be paid to another account?"), and a charge they do not know is a charge, not a payout.
const NOT_THEIRS: &str = "not mine | isn't mine | isnt mine | is not mine | not my account | \
    someone else's account | someone elses account | unknown account | account i don't recogni* | \
    account i dont recogni* | account i do not recogni* | account i don't know | account i dont know | \
    some other account | some random account | no es mia | no es la mia | no es el mio | no es mio | \
    titular que no conozco | no es mi cuenta | cuenta desconocida | \
    cuenta que no conozco | cuenta que no reconozco | bancaria que no conozco | cuenta ajena | pas le mien | \
    plus le mien | n'est pas a moi | pas mon compte | compte inconnu | iban inconnu | rib inconnu | \
    compte que je ne connais pas | compte que je connais pas | nicht mein konto | nicht meine iban | \
    nicht mehr meine | fremde iban | fremdes konto | konto das ich nicht kenne | die ich nicht kenne | unbekannte* konto | nao e minha | \
    nao e meu | nao e mais minha | nao e mais a minha | conta desconhecida | conta que nao conheco | \
    conta que eu nao conheco | conta de outra pessoa | conta de terceiro* | i've never seen | ive never seen | \
    i have never seen | que nunca vi | que nunca he visto | que je n'ai jamais vu | die ich nie gesehen";

/// A charge to the user: "a debit from my bank account that isn't mine" is not a payout.
const CHARGES: &str = "charge* | debit* | purchase* | cargo* | compra | compras | prelevement* | achat* | \
    abbuchung* | abgebucht | lastschrift | cobranca* | debito* | خصم | 引き落と | 請求 | 決済";

#[rustfmt::skip]
const PAYOUT_DETAILS_CHANGED: &[Clause] = &[
    near(PAYOUT_DETAILS, CHANGED_BY_OTHER, 8),
    // "The IBAN on file starts with LT… mine is FR76… I changed nothing": the denial may end the story.
    near(PAYOUT_DETAILS, "i didn't change | i didnt change | i never changed | i haven't changed | \
        j'ai rien modifie | je n'ai rien modifie | j'ai rien change | je n'ai rien change | nie geandert | \
        nie geaendert | nicht geandert | no cambie nada | nunca cambie | nao alterei | nunca alterei | nunca mudei | \
        nao mudei nada | no he tocado nada | ما غيرت | لم اغير | ما سويت شي | 変更していない | 変えていない", 20),
    near3("jemand hat", "geandert | ausgetauscht", PAYOUT_DETAILS, 8),
    near3(PAYOUT_DETAILS, WITHOUT_CONSENT, CHANGED, 8).unless(CHARGES),
    near("payout* | withdraw* | earnings | money | pago* | retiro* | ganancias | dinero | versement* | virement | \
        argent | auszahlung* | geld | repasse | saque | dinheiro", NOT_THEIRS, 12),
    near(PAYOUT_DETAILS, NOT_THEIRS, 8).unless(CHARGES),
    near(PAYOUT_DETAILS, "nicht meine | nicht mein | gehort nicht mir", 4).unless(CHARGES),
    // A payout account that suddenly is another: the user did not change it.
    near("suddenly | out of nowhere | de repente | de pronto | soudain | tout a coup | plotzlich | auf einmal | \
        do nada", PAYOUT_DETAILS, 6).unless(CHARGES),
    both("الارباح | ارباح | الاموال | المبلغ | السحب | الايبان | الحساب البنكي", "ليس حسابي | مش حسابي | مو حسابي | \
        ماهو حسابي | مب حسابي | حساب لا اعرفه | حساب ما اعرفه | حساب غير معروف | حساب مجهول | حساب غريب"),
    both("売上金 | 振込 | 出金 | 口座", "私の口座ではない | 自分の口座ではない | 知らない口座 | 他人の口座 | 別人の口座 | \
        見知らぬ口座 | 身に覚えのない口座 | 覚えのない口座"),
];

/// Paying twice as much is an overcharge, a pending line beside the posted one is the card's hold until it
/// drops, and asking whether trying again will charge twice is a question: none is a second charge.
pub(super) const NOT_A_SECOND_CHARGE: &str = "twice as | two times more | dos veces mas | deux fois plus | doppelt so | \
    duas vezes mais | one pending | one is pending | one says pending | one shows pending | one shows as pending | \
    one still pending | uno pendiente | una pendiente | une en attente | un en attente | einmal als vorgemerkt | \
    einmal vorgemerkt | uma como pendente | um como pendente | uma pendente | um pendente | واحد معلق | 保留中 | \
    retencion pendiente | compra pendente | معلقه | 承認中 | \
    si le vuelvo a dar | si vuelvo a pagar | si lo intento de nuevo | si je reessaie | si je recommence | \
    wenn ich nochmal | wenn ich noch mal | se eu tentar de novo | se eu pagar de novo | لو ضغطت | لو دفعت مره | \
    もう一度押したら | もう一回押したら | si le doy otra vez | si lo intento otra vez | si lo vuelvo a intentar | \
    me van a cobrar dos veces | me cobrareis dos veces | wenn ich's nochmal | wenn ichs nochmal | wenn ich es nochmal | \
    اذا ضغطت | اذا دفعت مره | ما ابي ينخصم مرتين | ما ابغى ينخصم مرتين | ما بدي ينخصم مرتين | \
    don't want to be charged twice | dont want to be charged twice | no quiero que me cobren dos veces | \
    je ne veux pas etre debite deux fois | nao quero ser cobrado duas vezes | will nicht doppelt | \
    will i be charged twice | will i get charged twice | would i be charged twice | won't charge me twice | \
    wont charge me twice | will it charge me twice | would it charge me twice | will you charge me twice | \
    me cobrara dos veces | me cobraran dos veces | vai me cobrar duas vezes | されたりしません | されませんか | されないですか | 二重請求になりません";

/// The user closing their own request: what worried them turned out fine ("it was my husband's order after all,
/// you can close this"), whatever the message said before.
pub(super) const CLOSED_BY_USER: &str = "you can close this | you can close the ticket | you can close my request | \
    please close this ticket | pueden cerrar el ticket | pueden cerrar mi solicitud | podeis cerrar | \
    vous pouvez fermer ma demande | vous pouvez clore | vous pouvez cloturer | kann geschlossen werden | \
    konnen das ticket schliessen | podem fechar o chamado | pode fechar o chamado | podem encerrar | \
    يمكنكم اغلاق الطلب | تقدرون تقفلون الطلب | お騒がせしました | お騒がせしてすみません";

/// "Took" and "charged" said of something else than money: a delivery that took four days, a photo taken, a
/// phone charged.
const NOT_MONEY_TAKEN: &str = "took * days | took * weeks | took a week | took a day | took ages | took forever | \
    took a photo | took the photo | took a picture | took the picture | took it in | fully charged | \
    phone's charged | phone is charged | battery";

/// Paying "en 3 fois" or "em 3 vezes" is one purchase in instalments.
pub(super) const INSTALMENTS: &str = "en 2 fois | en 3 fois | en 4 fois | en deux fois | en trois fois | en quatre fois | \
    en plusieurs fois | em 2 vezes | em 3 vezes | em 4 vezes | em duas vezes | em tres vezes | em quatro vezes";

/// Two charges are a repeat only for the same thing: "two charges, the item and the shipping" is a question.
const SAME_THING: &str = "same order | same item | same purchase | same amount | same product | one order | \
    one item | one purchase | identical | mismo | misma | un pedido | una compra | una sola | iguales | identic* | \
    meme commande | meme montant | meme achat | une commande | une seule | un seul | identique* | gleiche* | \
    selbe* | dieselbe* | denselben | eine bestellung | einen kauf | einen artikel | mesmo | mesma | iguais | \
    uma compra | um pedido | um produto";

/// The user paid or ordered once.
const ONCE: &str = "only paid once | i paid once | paid only once | only ordered once | only one order | \
    only placed one order | just one order | einmal bezahlt | nur einmal | nur eine bestellung | \
    bestellung gibt es nur eine | nur eine einzige | solo pague una vez | pague una sola vez | solo hice un pedido | \
    un solo pedido | une seule commande | qu'une seule commande | qu'une commande | paye une seule fois | \
    paguei uma vez | so paguei uma vez | uma vez so | um pedido so | so um pedido | apenas um pedido | \
    only have one order | solo tengo un pedido | n'ai qu'une commande | مره وحده | مره واحده | \
    طلب واحد | 1回しか | 一回しか | 一度しか | 1件だけ | 一件だけ";

/// How many charges there are, or how many times one went through.
const CHARGE_COUNT: &str = "twice | two times | three times | 3 times | four times | two charges | three charges | \
    2 charges | 3 charges | zwei abbuchungen | drei abbuchungen | 2 abbuchungen | 3 abbuchungen | zweimal | \
    dreimal | dos veces | tres veces | dos cargos | tres cargos | dos cobros | tres cobros | deux fois | \
    trois fois | deux prelevements | trois prelevements | duas vezes | tres vezes | duas cobrancas | \
    tres cobrancas | مرتين | ثلاث مرات | 2件 | 3件 | 4件 | 二件 | 三件";

/// Asking to pay in two parts: "can I make two payments for one order?"
const ASKING_TO_SPLIT: &str = "can i | could i | is it possible | puedo | se puede | je peux | est ce possible | \
    kann ich | ist es moglich | posso | da pra | e possivel";

#[rustfmt::skip]
const REPEATED_CHARGE: &[Clause] = &[
    any("double charg* | double billed | double billing | charged double | paid twice | billed twice | \
        duplicate charge* | duplicate payment* | duplicated charge* | duplicate transaction* | \
        charged me again | was charged again | got charged again | been charged again | billed me again | \
        was i charged again | did you charge me again | did they charge me again | \
        identical charges | identical payments | identical transactions").unless(NOT_A_SECOND_CHARGE),
    near("charged | charge | charges | charging | billed | debited | deducted | taken | took | went through | \
        gone through | processed | came out | taken out", "twice | two times | \
        2 times | three times | 3 times | four times | 4 times | 2x | 3x | 4x | multiple times | more than once", 4)
    .unless(NOT_A_SECOND_CHARGE).unless(NOT_MONEY_TAKEN),
    near("two charges | 2 charges | three charges | 3 charges | two payments | 2 payments | two transactions | \
        2 transactions | two debits | dos cargos | 2 cargos | dos cobros | 2 cobros | dos pagos | 2 pagos | \
        deux prelevements | 2 prelevements | deux debits | deux paiements | 2 paiements | zwei abbuchungen | \
        2 abbuchungen | zwei belastungen | zwei zahlungen | 2 zahlungen | duas cobrancas | 2 cobrancas | \
        dois debitos | dois pagamentos | 2 pagamentos", SAME_THING, 8)
    .unless(ASKING_TO_SPLIT).unless(NOT_A_SECOND_CHARGE),
    // Paid once, charged several times, however it is said ("only one order… 64.99 from you three times").
    both(ONCE, CHARGE_COUNT).unless(NOT_A_SECOND_CHARGE).unless("tried | try | click* | pressed | versucht | \
        geklickt | intente | clique* | essaye | tentei | cliquei | apertei | 試し | 押し"),
    near("three times | 3 times | twice | two times | four times", "from you | on my statement | on my card | \
        on my bank | my statement | my card", 6).unless(NOT_A_SECOND_CHARGE),
    // Charges that took the user's account into the red.
    both("overdrawn | overdraft | in the red | numeros rojos | en descubierto | a decouvert | en decouvert | \
        im dispo | im minus | konto uberzogen | no vermelho | no cheque especial", "charges | payments | \
        transactions | debits | cargos | cobros | compras | pagos | paiements | prelevements | abbuchungen | \
        zahlungen | belastungen | cobrancas | pagamentos | debitos"),
    near("cobr* | cargo* | cargaron | debit* | descont* | pague", "dos veces | 2 veces | tres veces | 3 veces | \
        doble | duplicad* | repetid*", 4)
    .unless(NOT_A_SECOND_CHARGE),
    near("cobraron | cargaron | descontaron | debitaron", "otra vez | de nuevo | nuevamente", 3),
    any("volvieron a cobrar | volvieron a cargar | volvieron a descontar"),
    near("debit* | prelev* | factur* | paye", "deux fois | 2 fois | trois fois | 3 fois | double* | en double | \
        identique*", 4)
        .unless(NOT_A_SECOND_CHARGE).unless(INSTALMENTS),
    near("abgebucht | belastet | berechnet | abbuchung* | bezahlt | gezahlt | abgezogen | kassiert", "zweimal | \
        doppelt* | dreimal | viermal | 2 mal | 3 mal | 2x | 3x | 4x | mehrfach", 6)
    .unless(NOT_A_SECOND_CHARGE),
    near("cobr* | debit* | descont* | paguei", "duas vezes | 2 vezes | tres vezes | 3 vezes | em dobro | dobrad* | \
        duplicad* | duplicidade", 4)
    .unless(NOT_A_SECOND_CHARGE).unless(INSTALMENTS),
    near("cobraram | debitaram | descontaram | fui cobrado | fui cobrada | cobrou", "de novo | outra vez | \
        novamente", 3),
    both("خصم | سحب | سحبتوا | سحبوا | خصمتوا | خصموا | دفعت | المبلغ | الدفع", "مرتين | مرتان | ثلاث مرات | 3 مرات | \
        اربع مرات | 4 مرات | مكرر | مضاعف").unless(NOT_A_SECOND_CHARGE),
    // Not a bare "تكرر": "الاسئله المتكرره عن الدفع" are the frequently asked questions.
    any("تكرر الخصم | الخصم تكرر | تكرر السحب | السحب تكرر | تكرر الدفع | الدفع تكرر").unless(NOT_A_SECOND_CHARGE),
    any("二重に請求 | 二重請求 | 二重引き落とし | 二重に引き落と | 二重決済 | 二重に決済 | 二重課金 | 二重に課金 | 二重に支払 | \
        二重払い | 二重の支払 | 二重引落").unless(NOT_A_SECOND_CHARGE),
    // Not a bare "2回": "12回払い" is paying in twelve instalments.
    any("2回引き落と | 2回請求 | 2回決済 | 2回課金 | 3回引き落と | 3回請求 | 2回も").unless(NOT_A_SECOND_CHARGE),
    both("請求 | 引き落と | 決済 | 課金", "二回 | 三回 | 二度 | 重複して | 重複した").unless(NOT_A_SECOND_CHARGE),
];

/// A charge from a marketplace the user never joined.
const NO_ACCOUNT_HERE: &str = "don't have an account with you | dont have an account with you | never heard of you | \
    don't even have an account | dont even have an account | never had an account | ni siquiera estoy registrad* | \
    no estoy registrad* | je ne suis pas inscrit | nicht mal ein aktives konto | nicht registriert | \
    nem sou cadastrad* | nao sou cadastrad* | 使ったことがない | 使ったことがございません | 利用したことがない | \
    never heard of this site | no tengo cuenta con ustedes | ni siquiera tengo cuenta | je n'ai meme pas de compte | \
    je n'ai pas de compte chez vous | habe kein konto bei | nicht mal ein konto | nao tenho conta com voces | \
    nem tenho conta | ما عندي حساب | ليس لدي حساب | アカウントを持っていない | 登録していない";

#[rustfmt::skip]
const UNAUTHORISED_CHARGE: &[Clause] = &[
    any("unauthori* charge* | unauthori* payment* | unauthori* transaction* | unauthori* purchase* | \
        fraudulent charge* | fraudulent transaction* | unknown charge* | unknown transaction* | \
        someone used my card | used my card without | someone used my credit card | someone used my debit card | \
        somebody used my card | someone is using my card | someone used my paypal | someone charged my | \
        someone made purchases | someone bought stuff with my | someone bought with my"),
    near("didn't make | didnt make | did not make | didn't buy | didnt buy | did not buy | never bought | \
        never ordered | never made | didn't order | didnt order | did not order | didn't place | didnt place | \
        did not place | never placed | didn't authori* | didnt authori* | did not authori* | never authori* | \
        don't recogni* | dont recogni* | do not recogni*", "charge* | purchase* | payment* | transaction* | \
        debit* | billed", 6),
    both(DENIAL, CHARGED),
    both(NO_ACCOUNT_HERE, CHARGED),
    both("no he realizado compra alguna | no he realizado ninguna compra | nix gekauft | nichts gekauft | \
        ninguem aqui comprou | ninguem comprou nada | nobody here bought | personne n'a achete", CHARGED),
    any("meine karte verwendet | meine karte benutzt | meine kreditkarte verwendet | meine kreditkarte benutzt"),
    both("身に覚えがございません | 身に覚えがありません | 身に覚えがない | 全く身に覚え", "請求 | ご利用 | 利用 | 引き落と | 決済"),
    both(NO_ACCOUNT_HERE, "card | visa | mastercard | amex | statement | tarjeta | carte | karte | kreditkarte | \
        cartao | بطاقتي | カード"),
    // Money taken when the user bought nothing at all, said anywhere in the message.
    both("never ordered anything | didn't order anything | didnt order anything | did not order anything | \
        didn't buy anything | didnt buy anything | never bought anything | haven't ordered anything | \
        havent ordered anything | haven't bought anything | no compre nada | no he comprado nada | \
        no pedi nada | rien commande | rien achete | nichts bestellt | nichts gekauft | nie etwas gekauft | \
        nie etwas bestellt | nao comprei nada | nao pedi nada", "charge* | billed | debited | money | cobr* | \
        cargo* | descont* | debit* | prelev* | abgebucht | abbuchung* | belastet | geld | zahlung*"),
    near("charge* | purchase* | transaction* | payment*", "isn't mine | isnt mine | is not mine | not mine", 6),
    near("no hice | no he hecho | no realice | no reconozco | no autorice | nunca compre | no compre | \
        nunca pedi | nunca ordene | nunca hice | sin mi autorizacion | sin autorizacion | sin mi permiso | \
        no autorizad* | no son mias | no son mios | no es mia | no es mio", "compra | compras | cargo* | cobro* | pago* | transaccion* | cobraron | cargaron", 6)
        .unless("salio transaccion no autorizada | dice transaccion no autorizada | sale transaccion no autorizada"),
    any("alguien uso mi tarjeta | alguien esta usando mi tarjeta | usaron mi tarjeta | clonaron mi tarjeta | \
        tarjeta clonada | alguien hizo compras | alguien compro con mi"),
    near("je n'ai pas fait | je n'ai pas effectue | je ne reconnais pas | n'ai jamais achete | jamais fait* | \
        jamais effectue | jamais commande | pas autorise* | non autorise* | sans mon autorisation | \
        sans mon accord", "achat* | paiement* | prelevement* | preleve* | debit* | transaction*", 6),
    any("a utilise ma carte | ont utilise ma carte | utilise ma carte sans | carte clonee | \
        quelqu'un a fait des achats | quelqu'un a achete avec"),
    near("nicht getatigt | nicht gemacht | nicht bestellt | nicht gekauft | nie bestellt | nie gekauft | \
        nicht autorisiert* | unautorisiert* | kenne ich nicht | nicht kenne | nicht erkenne | \
        ohne meine zustimmung | ohne mein wissen | nicht von mir", "abbuchung* | zahlung* | kauf | einkauf | \
        belastung* | transaktion* | abgebucht", 6),
    near3("jemand hat", "karte | kreditkarte | paypal", "benutzt | verwendet | missbraucht", 4),
    any("jemand hat mit meiner"),
    near("nao fiz | nao realizei | nao reconheco | nao autorizei | nunca comprei | nao comprei | \
        sem minha autorizacao | sem autorizacao | nao autorizad*", "compra | compras | cobranca* | pagamento* | \
        debito* | transac* | cobraram", 6),
    any("usaram meu cartao | alguem usou meu cartao | clonaram meu cartao | cartao clonado | alguem fez compras | \
        alguem comprou com meu"),
    // An unknown charge, not an unknown error while paying nor an unknown buyer ("comprador desconocido").
    near("desconocid* | inconnu* | unbekannte* | desconhecid*", "compra | compras | cargo* | cobro* | transaccion* | \
        achat* | prelevement* | debit* | transaction* | abbuchung* | belastung* | transaktion* | cobranca* | \
        debito* | transac*", 2),
    near("fraudulen* | frauduleu* | betrugerisch*", "charge* | payment* | purchase* | cargo* | cobro* | compra | \
        compras | achat* | paiement* | prelevement* | debit* | abbuchung* | zahlung* | cobranca*", 2),
    any("عمليه غير معروفه | عمليه شراء غير معروفه | خصم غير معروف | مبلغ غير معروف | سحب غير معروف | \
        احد استخدم بطاقتي | شخص استخدم بطاقتي | احد استعمل بطاقتي | استخدموا بطاقتي | تم استخدام بطاقتي"),
    both("لم اقم | لم اشتر | لم اطلب | ما اشتريت | ما طلبت | ما سويت | مش انا اللي | غير مصرح | بدون اذني | دون اذني | \
        بدون علمي | دون علمي | لست انا | لم اكن انا | بدون ما اطلب | بدون ما اشتري | ما اعرفها | ما اعرفه | \
        لا اعرفها | لا اعرفه", "عمليه | شراء | خصم | سحب | مبلغ | دفع"),
    any("身に覚えのない請求 | 身に覚えのない引き落と | 身に覚えのない決済 | 身に覚えのない購入 | 身に覚えのない支払 | \
        覚えのない請求 | 覚えのない引き落と | 不正利用 | 不正請求 | 不正な請求 | 勝手に購入 | 勝手に決済 | 勝手に使われ | \
        不正に使われ | 知らない請求 | 知らない引き落と | 知らない決済"),
    both("購入していない | 買っていない | 注文していない | 購入した覚え | 注文した覚え | 買ってない | 注文してない | \
        購入してない | 購入していません | 買っていません | 注文していません", "請求 | 引き落と | 決済 | 課金"),
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
    match text.find_any(phrases(PAYOUT_WORDS)) {
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
