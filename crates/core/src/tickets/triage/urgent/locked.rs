//! The phrase table of the rule for a user locked out of paying or of their payouts, written folded as the
//! other tables in `phrases.rs`.

use super::phrases::PAYOUT_WORDS;
use super::{Clause, any, both, near, near3};

/// An account frozen, restricted, suspended or deactivated, said of the account, not of one payout.
const FROZEN_ACCOUNT: &str = "account frozen | account is frozen | account has been frozen | frozen account | \
    account restricted | account is restricted | restricted account | account suspended | account is suspended | \
    account locked | account deactivated | account was deactivated | account has been deactivated | \
    account disabled | account was disabled | cuenta restringida | cuenta bloqueada | cuenta congelada | \
    cuenta suspendida | cuenta desactivada | compte gele | compte bloque | compte restreint | compte suspendu | \
    compte desactive | konto eingeschrankt | konto gesperrt | konto eingefroren | konto blockiert | \
    konto deaktiviert | conta bloqueada | conta restrita | conta congelada | conta suspensa | conta desativada | \
    الحساب مجمد | حسابي مجمد | الحساب موقوف | حسابي موقوف | الحساب معلق | الحساب معطل | アカウントが凍結 | \
    アカウント凍結 | アカウントが停止 | 凍結され";

/// Buttons that pay, buy or withdraw, in every language; a broken one is a locked door.
const PAY_BUTTONS: &str = "pay button | payment button | checkout button | buy button | buy now button | \
    place order button | order button | withdraw button | withdrawal button | payout button | cash out button | \
    boton de pago | boton de pagar | boton pagar | boton de comprar | boton comprar | boton de retiro | \
    boton de retirar | bouton payer | bouton de paiement | bouton valider | bouton commander | bouton acheter | \
    bouton de retrait | bouton retirer | bezahlbutton | bezahl button | kaufbutton | kaufen button | \
    zahlungsbutton | auszahlungsbutton | button zum bezahlen | botao de pagar | botao pagar | botao de pagamento | \
    botao de comprar | botao comprar | botao de saque | botao sacar | botao de finalizar | botao finalizar";

/// Said of a button or a page that does not work.
const BROKEN: &str = "won't show | wont show | doesn't show | doesnt show | not showing | no longer shows | \
    disappeared | does nothing | doesn't work | doesnt work | does not work | not working | isn't working | \
    isnt working | won't work | wont work | greyed out | grayed out | disabled | unresponsive | not clickable | \
    won't load | wont load | doesn't load | doesnt load | no funciona | no hace nada | no sirve | desactivad* | \
    no aparece | no responde | no carga | se queda cargando | ne marche pas | marche pas | ne fonctionne pas | \
    fonctionne pas | grise | inactif | ne fait rien | fait rien | ne repond pas | ne charge pas | \
    funktioniert nicht | geht nicht | reagiert nicht | ausgegraut | passiert nichts | ladt nicht | \
    nao funciona | nao faz nada | nao responde | desativad* | nao aparece | sumiu | nao carrega | travad*";

/// Declined once is a failed payment; these say the user cannot get through at all: "can't", "won't let me",
/// a repeated failure, several cards tried, the pay button or the payment page broken.
#[rustfmt::skip]
pub(super) const LOCKED_OUT: &[Clause] = &[
    near("can't | cant | cannot | unable to | not able to | impossible to | won't let me | wont let me | \
        will not let me | doesn't let me | doesnt let me | does not let me", "check out | checkout | pay | \
        make a payment | make the payment | make payment | complete the payment | complete my purchase | \
        complete the purchase | complete my order | place my order | place an order | withdraw* | cash out | \
        payout* | buy anything | order anything | purchase anything", 3),
    near("locked out", "payout* | withdraw* | checkout | payment* | earnings | balance", 4),
    near("restricted from | banned from | blocked from | suspended from", "purchas* | buying | checkout | \
        paying | payment* | withdraw* | payout*", 4),
    // A withdraw button greyed out below the minimum is the minimum at work.
    near(PAY_BUTTONS, BROKEN, 4).unless("minimum | minimo | mindestbetrag | mindestens | الحد الادني | 最低"),
    // The checkout itself broken, said of it: "the code doesn't work at checkout" is a coupon, "arrived broken" a
    // parcel.
    any("checkout is broken | checkout broken | checkout is not working | checkout isn't working | \
        checkout not working | checkout doesn't work | checkout doesnt work | checkout won't load | \
        checkout wont load | payment page is broken | payment page won't load | payment page not working | \
        el checkout no funciona | la pagina de pago no carga | la pagina de pago no funciona | \
        la page de paiement ne charge pas | la page de paiement ne marche pas | bezahlseite ladt nicht | \
        checkout nao carrega | checkout nao funciona | pagina de pagamento nao carrega | \
        pagina de pagamento nao funciona"),
    near("keeps failing | keep failing | keeps getting declined | keeps declining | always fails | every time | \
        each time | tried several times | tried multiple times | tried many times | several cards | \
        different cards | multiple cards | all my cards | keeps giving me an error | keep getting an error | \
        keeps erroring | keeps crashing | keeps saying", "pay | payment* | checkout | card* | declined | \
        withdraw* | payout*", 6),
    // Several cards tried and none went through: the fault is not the card's ("I tried the Pokémon cards" is not).
    near3("tried | i've tried | ive tried | intente | probe | essaye | teste | probiert | versucht | tentei | testei",
        "cards | tarjetas | cartes | karten | kreditkarten | cartoes", "none | declined | failed | ninguna | \
        ninguno | rechaz* | aucune | rien | refus* | keine | abgelehnt | nenhum | nenhuma | recusad*", 6),
    near("no puedo | no me deja | no me permite | imposible | no logro | no consigo", "pagar | finalizar la compra | \
        completar la compra | terminar la compra | hacer el pago | realizar el pago | retirar mi* | retirar nada | retirar dinero | retirar el saldo | \
        retirar el dinero | cobrar mis | comprar nada | finalizar el pedido | completar el pedido", 3),
    near("cada vez | sigue fallando | varias veces | todas las veces | una y otra vez | todas mis tarjetas | \
        varias tarjetas | ninguna tarjeta | ninguna pasa | ninguna funciona", "pago | pagar | tarjeta* | rechaz* | \
        falla*", 6),
    near("impossible de | je ne peux pas | je n'arrive pas a | n'arrive pas a | ne me laisse pas | \
        m'empeche de | pas moyen de", "payer | paiement | valider* | finaliser | commander | retirer", 4),
    near("a chaque fois | chaque fois | plusieurs fois | toutes mes cartes | plusieurs cartes | aucune carte | \
        rien ne passe", "paiement | payer | carte* | refus* | echou*", 6),
    near3("kann | kann ich | konnen | lasst | geht | klappt | funktioniert | komme | komm", "nicht | nix | nichts | \
        unmoglich",
        "bezahlen | zahlen | kasse | checkout | auszahlen | auszahlung* | abheben", 5),
    near("nicht moglich | unmoglich", "bezahlen | bezahlung | zahlen | kasse | checkout | auszahlen | auszahlung* | \
        abheben", 3),
    near("jedes mal | jedesmal | immer wieder | mehrmals | mehrere karten | alle karten | keine karte",
        "zahlung* | bezahl* | karte* | abgelehnt | fehl*", 6),
    near("nao consigo | nao deixa | nao me deixa | impossivel | nao estou conseguindo | nao to conseguindo | \
        nao da pra", "pagar | finalizar | concluir a compra | fazer o pagamento | efetuar o pagamento | sacar | \
        saque | retirar | comprar nada", 4),
    near("toda vez | todas as vezes | varias vezes | varios cartoes | todos os cartoes | nenhum cartao",
        "pagamento | pagar | cartao | cartoes | recusad* | erro | falh*", 6),
    both("لا استطيع | لا اقدر | لا يمكنني | ما اقدر | مش قادر | لم استطع | لا يسمح لي | غير قادر | ما يخليني | مقدرش | \
        مو قادر | ماقدر | ما قدرت | ماقدرت", "الدفع | ادفع | اتمام الشراء | اتمام الطلب | اكمال الطلب | اكمال الشراء | \
        اكمل الطلب | اكمل الشراء | اتمم الطلب | السحب | اسحب"),
    both("كل مره | عده مرات | مرارا | يفشل دائما | دائما يفشل | تفشل دائما", "الدفع | البطاقه | مرفوض | رفض | تفشل | \
        يفشل | السحب"),
    both("زر الدفع | زر الشراء | زر السحب | زر الطلب | زر اتمام | صفحه الدفع", "ما يشتغل | مايشتغل | لا يعمل | \
        ما يستجيب | لا يستجيب | معطل | ما تشتغل | لا تعمل | ما تفتح | لا تفتح"),
    both("جربت | حاولت", "بطاقات | كذا بطاقه | اكثر من بطاقه | كل البطاقات"),
    any("支払いができない | 支払いができません | 支払いできない | 支払いできません | 支払えない | 支払えません | \
        決済できない | 決済できません | 決済ができない | 決済ができません | 購入できない | 購入できません | \
        出金できない | 出金できません | 引き出せない | 引き出せません | 払えない | 払えません | 購入手続きが進め | \
        購入手続きに進め | 決済に進め | 支払いに進め | 購入画面に進め | 決済画面に進め | 決済が進まない | \
        支払いが進まない"),
    both("何度やって | 何回やって | 毎回 | 何度も", "エラー | 失敗 | 決済 | 支払 | カード"),
    both("支払いボタン | 購入ボタン | 決済ボタン | 出金ボタン | 注文ボタン | 購入するボタン", "押せない | 押せません | \
        反応しない | 反応しません | 動かない | 表示されない"),
    // "Will another card work?" is a question: several cards, each refused, is not.
    both("複数のカード | どのカード | 全部のカード | 何枚", "通らない | 使えない | 弾かれ"),
    // An account frozen or restricted with money in it: the user cannot get at it.
    both(FROZEN_ACCOUNT, PAYOUT_WORDS),
    near(FROZEN_ACCOUNT, "balance | saldo | solde | guthaben | funds | fondos | fonds | money | dinero | argent | \
        geld | dinheiro | الرصيد | رصيد | 残高 | 売上", 12),
    // Every way to pay fails, said of the ways: "every single one", "bei jeder Zahlungsart", "ni con… ni con…".
    near("every single one | every one of them | every payment method | all payment methods | every method | \
        jede zahlungsart | jeder zahlungsart | alle zahlungsarten | egal ob | todas las formas de pago | \
        ningun metodo | ninguna forma de pago | tous les moyens de paiement | aucun moyen de paiement | \
        nenhuma forma de pagamento | todas as formas de pagamento | de jeito nenhum", "declined | failed | \
        could not be processed | couldn't be processed | error | rechaz* | no pudimos procesar | refus* | echou* | \
        fehlgeschlagen | abgelehnt | fehler | geht nicht | recusad* | erro | nao passa", 10),
    near3("ni con", "tarjeta | paypal | mercado pago | credito | debito | oxxo", "rechaz* | no pasa | no pudimos | \
        error | falla*", 0),
    any("payouts disabled | payouts deactivated | withdrawals disabled | retiros desactivados | \
        versements desactives | auszahlungen deaktiviert | auszahlung deaktiviert | saques desativados | \
        السحب معطل | 出金停止"),
    both("كلهم بيقولوا | كلهم يقولون | كلها ترفض | كلهم رفضوا | ولا وحده", "تعذر | مرفوض | رفض | خطا | فشل"),
    // A withdraw button gone: "plus aucun bouton pour retirer", "der Auszahlen-Button ist weg".
    near("no withdraw button | withdraw button is gone | withdraw button disappeared | plus aucun bouton | \
        plus de bouton | auszahlen button ist weg | auszahlen button weg | auszahlungsbutton ist weg | \
        auszahlungsbutton weg | ya no aparece el boton | sumiu o botao", PAYOUT_WORDS, 6),
];
