//! Every urgent rule on the phrasings users write (slang, typos, no accents, polite Japanese, two problems in
//! one message) in the seven languages, and the near misses beside each that must stay quiet.

use super::tests::{codes, fires, queue, quiet};
use crate::tickets::Queue;

#[test]
fn account_takeover_as_users_write_it() {
    fires(
        "account_takeover",
        &[
            "my account is not mine anymore, new profile photo and address",
            "the 2fa texts go to a phone number that isn't mine",
            "quelqu'un s'est servi de mon compte pour publier des annonces",
            "le nom du profil n'est plus le mien",
            "ich glaube, da ist jemand in meinem Konto",
            "minha conta nao e mais minha, mudaram tudo",
            "i got an email saying my password was reset but i didnt do that",
            "my acc got taken over, pls lock it",
            "I think someone is using my account, there are orders i never placed",
            "suspicious login on my account from a device I don't know",
            "hay un inicio de sesion en mi cuenta que no reconozco",
            "alguien tiene acceso a mi cuenta y esta comprando cosas",
            "on m'a volé mon compte, l'adresse mail a été changée",
            "j'ai reçu un code de vérification que je n'ai pas demandé",
            "Fremder Zugriff auf mein Konto! Bestellungen, die ich nicht gemacht habe",
            "Verdächtige Anmeldung auf meinem Konto, mein Konto wurde gestohlen",
            "recebi um email de troca de senha que eu nao pedi",
            "alguém tem acesso à minha conta, tem um login estranho",
            "حسابي انسرق وفي شخص يستخدم حسابي",
            "وصلني رمز تحقق ما طلبته وتغيرت كلمة المرور",
            "パスワードが変更されたというメールが来ましたが私ではありません",
            "不審なログインがありました。誰かが私のアカウントを使っています",
        ],
    );
    quiet(
        "account_takeover",
        &[
            "got a 'your password was changed' email, but it was me resetting it",
            "me avisaron que se cambió la contraseña pero fui yo quien la cambió",
            "wurde mein Passwort geändert? Ach so, das war ich selbst",
            "recebi aviso de senha alterada, mas fui eu mesma que troquei",
            "وصلني ان كلمة المرور تغيرت بس انا اللي غيرتها",
            "can't log in, the password reset email is not arriving",
            "can someone look into my account? my order is missing",
            "I changed my email and now I don't get notifications",
            "no me llega el código de verificación",
            "je ne reçois pas le code de vérification",
            "Ich habe keinen Zugriff auf mein Konto, Passwort vergessen",
            "nao recebo o codigo de verificacao",
            "ما يوصلني رمز التحقق",
            "認証コードが届きません",
        ],
    );
}

#[test]
fn not_me_said_of_a_charge_denies_the_charge() {
    let message = "there's a charge on my card from you, it wasn't me";
    assert_eq!(codes(message), ["unauthorised_charge"]);
    assert_eq!(queue("unauthorised_charge", message), Some(Queue::Payments));
    assert_eq!(
        codes("Es ist ein Kauf auf meiner Karte, das war ich nicht"),
        ["unauthorised_charge"]
    );
    assert_eq!(
        codes("someone logged in, that was not me"),
        ["account_takeover"]
    );
}

#[test]
fn payout_details_changed_as_users_write_it() {
    fires(
        "payout_details_changed",
        &[
            "my payout method now points to a paypal address i've never seen",
            "actualizaron mi CLABE de cobro y yo no toqué nada",
            "j'ai un RIB que je n'ai jamais vu dans mes infos de versement",
            "auf einmal steht eine andere IBAN in meinem Profil",
            "de repente a conta bancaria de saque e outra",
            "الايبان تغير وانا ما غيرت شي",
            "my earnings were sent to some other account",
            "hacker swapped my bank details and withdrew my balance",
            "el retiro llegó a otra cuenta bancaria que no conozco",
            "l'IBAN de mon compte vendeur n'est plus le mien",
            "Bankverbindung wurde ohne mein Wissen geändert",
            "a conta bancaria cadastrada nao é mais a minha",
            "تم تحويل ارباحي الى حساب لا اعرفه",
            "出金先が勝手に変わっています",
        ],
    );
    quiet(
        "payout_details_changed",
        &[
            "can I have my payouts sent to another account?",
            "there's a debit from my bank account that isn't mine",
            "¿dónde cambio mi cuenta de retiro?",
            "où modifier mon IBAN ?",
            "Kann ich die Auszahlung auf eine andere IBAN bekommen?",
            "onde altero meus dados bancarios?",
            "كيف اغير الحساب البنكي؟",
            "振込先口座の変更方法を教えてください",
        ],
    );
}

#[test]
fn repeated_charge_as_users_write_it() {
    fires(
        "repeated_charge",
        &[
            "the payment went through four times, 4x 19.99",
            "3x abgebucht und jetzt bin ich im Dispo",
            "4 charges from you on my card and now I'm overdrawn",
            "estoy en números rojos por sus cargos",
            "vous avez fait 3 prélèvements et je suis à découvert",
            "سحبتوا المبلغ اربع مرات",
            "you took the money twice!!",
            "I see 2 charges on my statement for the same order",
            "why was i charged again? i already paid",
            "aparecen dos cargos en mi tarjeta por el mismo pedido",
            "pague una vez y me cobraron otra vez",
            "deux prélèvements identiques sur ma carte",
            "zwei Abbuchungen für eine Bestellung",
            "apareceu duas cobranças iguais na fatura",
            "الخصم تكرر على بطاقتي",
            "二重に支払いになっています",
        ],
    );
    // Paying in instalments, or asking to pay in parts, is one purchase.
    quiet(
        "repeated_charge",
        &[
            "two charges of 20 on my card, one is pending and the other posted: did I pay twice?",
            "dos cargos de 15 €, uno pendiente y otro cobrado, ¿me cobraron dos veces?",
            "deux lignes de 30 €, une en attente et une débitée : payé deux fois ?",
            "64 € zweimal, einmal vorgemerkt und einmal gebucht: doppelt abgebucht?",
            "duas cobranças, uma pendente e outra processada, fui cobrado duas vezes?",
            "مبلغ مرتين واحد معلق والثاني مكتمل، هل انخصم مرتين",
            "2回請求？ 1件は保留中です",
            "can I make two payments for one order?",
            "I tried to pay twice but it got declined",
            "¿puedo hacer 2 pagos para un pedido?",
            "j'ai payé en 3 fois sans frais, quand est le prochain prélèvement ?",
            "Ich habe zweimal bestellt, bitte eine Bestellung stornieren",
            "paguei em 3 vezes sem juros, quando vem a proxima parcela?",
            "الاسئلة المتكررة عن الدفع",
            "分割2回払いにしたいです",
        ],
    );
}

#[test]
fn unauthorised_charge_as_users_write_it() {
    fires(
        "unauthorised_charge",
        &[
            "a charge from you on my visa and i dont have an account with you",
            "no tengo cuenta con ustedes y hay un cargo en mi tarjeta",
            "je n'ai même pas de compte chez vous et il y a un prélèvement",
            "ich habe kein Konto bei euch, aber eine Abbuchung auf der Karte",
            "nem tenho conta com vocês e tem uma cobrança no cartão",
            "ما عندي حساب عندكم وفيه خصم على بطاقتي",
            "アカウントを持っていないのにカードに請求が来ました",
            "there's a $89 charge on my card from you guys and I never ordered anything",
            "Got a charge from your marketplace that isn't mine",
            "alguien usó mi tarjeta para comprar",
            "je n'ai rien commandé et j'ai été débité",
            "débit frauduleux sur ma carte",
            "Abbuchung, die ich nicht kenne",
            "jemand hat mit meiner Kreditkarte bei euch eingekauft",
            "usaram meu cartão sem minha autorização",
            "احد استخدم بطاقتي",
            "عملية شراء ما اعرفها على بطاقتي",
            "カードが勝手に使われました",
            "注文していませんが請求が来ました",
        ],
    );
    quiet(
        "unauthorised_charge",
        &[
            "what is this $5 charge? is it the service fee?",
            "someone bought my listing, how do I ship it?",
            "un comprador desconocido me escribió",
            "devolução fraudulenta: o comprador devolveu um produto velho",
            "je ne reconnais pas ce colis, c'est pas ma commande",
            "nao reconheço esse produto, veio errado",
        ],
    );
}

#[test]
fn threat_as_users_write_it() {
    fires(
        "threat",
        &[
            "he sent a photo of my front door, I'm scared to open the door",
            "says he'll post my address and my kids' school online unless I pay",
            "va a subir mi INE y mi dirección a Facebook si no le devuelvo el dinero",
            "il était devant mon boulot hier, il me suit partout",
            "gestern stand er vor meinem Laden",
            "tenho medo de sair de casa depois das mensagens dele",
            "قال اعرف وين بيتك وصرت اخاف افتح الباب",
            "the seller said he will come to my house",
            "this guy keeps sending me sexual messages",
            "he threatened me because I asked for a refund",
            "el vendedor me dijo que va a venir a mi casa",
            "il a dit qu'il allait me retrouver",
            "Der Verkäufer hat mir gedroht",
            "Morddrohung vom Käufer",
            "ele disse que vai vir na minha casa",
            "المشتري يرسل لي رسائل مسيئة",
            "しつこくメッセージが来て怖いです",
        ],
    );
    // Judgement call: a threat to cancel is a lever on the order; a courier comes to the door too.
    quiet(
        "threat",
        &[
            "the seller is threatening to cancel my order",
            "the courier said he will come to my house tomorrow",
            "el vendedor amenaza con cancelar mi pedido",
            "le vendeur menace d'annuler la commande",
            "der Verkäufer droht, die Bestellung zu stornieren",
            "o vendedor ameaçou cancelar o pedido",
            "المندوب قال انه بيجي لبيتي بكرة",
            "配達員が家に来ると言っていました",
        ],
    );
}

#[test]
fn product_safety_as_users_write_it() {
    fires(
        "product_safety",
        &[
            "my face swelled up after the cream, had to use my epipen",
            "my toddler swallowed a magnet from the toy set",
            "terminamos en urgencias por la crema",
            "on a fini aux urgences à cause de ce produit",
            "mein Kind hat eine Knopfzelle verschluckt, wir sind in der Notaufnahme",
            "meu filho engoliu uma pilha do controle, estamos no pronto socorro",
            "المكواة كهربت زوجي ورحنا الطوارئ",
            "クッキーを食べた娘が救急車で運ばれました",
            "the kettle shocked me when I touched it",
            "battery is swollen and the phone is bulging",
            "my son cut his hand on the sharp edge",
            "la batería se infló y salió humo",
            "mon fils s'est coupé avec le jouet",
            "der Akku ist aufgebläht",
            "mein Kind hat sich an dem Spielzeug verletzt",
            "a bateria estufou",
            "الشاحن ولع",
            "モバイルバッテリーが膨らんでいます",
        ],
    );
    quiet(
        "product_safety",
        &[
            "the charger is hot when charging?",
            "the price shocked me, is there a discount?",
            "the stitches on the bag came undone",
            "la llamada se cortó con el agente",
            "l'appel s'est coupé",
            "Der Verkäufer hat meine Rechte verletzt",
            "a bateria não segura carga",
            "انا مولع بالساعات",
            "このダウンジャケットは膨らんでいますか",
        ],
    );
}

#[test]
fn locked_out_as_users_write_it() {
    fires(
        "locked_out",
        &[
            "the pay button does nothing",
            "the payment page is broken, can't buy",
            "I've tried 3 cards and none went through",
            "checkout keeps giving me an error, can't buy anything",
            "intenté con 3 tarjetas y ninguna pasa",
            "le bouton payer ne marche pas",
            "Ich komme nicht durch den Checkout",
            "Auszahlung nicht möglich",
            "o botao de pagar nao funciona",
            "زر الدفع ما يشتغل",
            "支払いボタンが押せません",
        ],
    );
    // A greyed-out withdraw button below the minimum is the minimum at work; trading cards are not cards tried.
    quiet(
        "locked_out",
        &[
            "is there a minimum to withdraw? button is greyed out with 35 in my balance",
            "I tried the pokemon cards, they are fake",
            "can I pay with paypal?",
            "my discount code doesn't work at checkout",
            "the lamp arrived broken, checkout said it was insured",
            "¿puedo pagar con otra tarjeta?",
            "je peux payer en espèces ?",
            "Ist Zahlung auf Rechnung möglich?",
            "posso pagar com boleto?",
            "هل يمكنني الدفع عند الاستلام؟",
            "コンビニ払いはできますか",
        ],
    );
    assert_eq!(
        queue("locked_out", "withdraw button greyed out"),
        Some(Queue::Payouts)
    );
}

#[test]
fn legal_deadline_as_users_write_it() {
    fires(
        "legal_deadline",
        &[
            "chargeback on my sale, I have until tomorrow to upload evidence",
            "contracargo: el plazo para enviar pruebas vence mañana",
            "retrofacturation : délai pour envoyer les justificatifs demain",
            "Rückbuchung, die Frist für Nachweise endet morgen",
            "chargeback do pedido, o prazo pra contestar termina amanhã",
            "chargeback واخر موعد ارفع الاثباتات بكره",
            "mise en demeure de son avocat, j'ai 48h pour répondre",
            "das Finanzamt will die Aufstellung bis zum 30.",
            "I have a hearing on Monday and need proof of purchase",
            "The court gave me 10 days to provide the invoice",
            "my attorney needs the records by end of week",
            "tengo una audiencia la semana que viene",
            "j'ai une audience la semaine prochaine",
            "Ich habe am Freitag einen Gerichtstermin",
            "o juiz me deu 5 dias para apresentar a nota",
            "عندي قضية في المحكمة بكرة واحتاج الفاتورة",
            "明日裁判があるので取引履歴を至急ください",
        ],
    );
    // Judgement call: a hearing aid is not a hearing, and a lawyer called tomorrow is a threat (high).
    quiet(
        "legal_deadline",
        &[
            "vou abrir chargeback no cartão se não devolver até amanhã",
            "I'll do a chargeback tomorrow if you don't refund",
            "my new hearing aid arrives next week?",
            "I'll call my lawyer tomorrow if there's no refund",
            "I waited 10 days to hear from you, see you in small claims",
            "Guten Morgen, das Gericht war kalt",
            "is this item legal in Germany?",
            "¿es legal vender esto?",
            "qual o prazo pra devolver?",
        ],
    );
}

/// Phrasings a second probe set, written blind to these tables, showed missing (stop 34): each written anew here,
/// with its look-alikes.
#[test]
fn phrasings_found_missing_by_a_blind_probe() {
    fires(
        "account_takeover",
        &[
            "there are 2 orders in my history that i never placed, shipped to another city",
            "hay dos pedidos en mi cuenta que yo no hice",
            "il y a des annonces sur mon compte que je n'ai jamais passées",
            "got an email: new login from Manila. I live in Leeds",
            "recebi 'novo acesso em São Paulo' e eu moro em Recife",
            "وصلني ان الايميل اتغير وانا ما غيرتش شي",
            "パスワードを変えられてログインできません",
        ],
    );
    quiet(
        "account_takeover",
        &[
            "it wasn't me who ordered, it was my husband on my account. can we exchange?",
            "le colis est en retard, c'est la Poste, pas moi",
        ],
    );
    fires(
        "repeated_charge",
        &[
            "I only paid once but my card shows the charge three times",
            "nur eine Bestellung, aber zwei Abbuchungen über denselben Betrag",
            "une seule commande et trois prélèvements de 19,90",
            "注文は1回しかしていないのに明細に3件あります",
            "my statement has 12.50 from you twice, i ordered one thing",
        ],
    );
    quiet(
        "repeated_charge",
        &[
            "if I try again will I be charged twice?",
            "I clicked pay three times but the bank app says I only paid once, all good?",
            "もう一度試しても二重に請求されたりしませんか",
        ],
    );
    fires(
        "locked_out",
        &[
            "my account is frozen and there's $900 of earnings I can't get to",
            "cuenta restringida y 800 € de saldo sin explicacion",
            "bei jeder Zahlungsart kommt Zahlung fehlgeschlagen",
            "tried visa, amex and paypal, every single one gets declined",
            "le compte est gelé, plus aucun bouton pour retirer mes versements",
        ],
    );
    quiet(
        "locked_out",
        &["my payout is on hold for review, do I need to upload something?"],
    );
    fires(
        "threat",
        &[
            "the seller found my instagram and sent a screenshot of my street",
            "il m'a écrit qu'il connaissait mon immeuble",
            "البائع يقول انه هينشر صوري لو ما غيرت التقييم",
            "購入者にSNSで自宅の住所を晒されています",
        ],
    );
    quiet(
        "threat",
        &[
            "un acheteur me menace de porter plainte pour un retard",
            "Ein Käufer droht mit einer Bewertung, ist das Erpressung?",
        ],
    );
    fires(
        "product_safety",
        &[
            "my daughter broke out in a rash all over after wearing the bracelet",
            "nach dem Tragen hatte mein Sohn Ausschlag am Hals",
        ],
    );
    quiet(
        "product_safety",
        &["die Frage brennt mir unter den Nägeln: wann kommt die Erstattung?"],
    );
    fires(
        "legal_deadline",
        &[
            "the tax office wants every sale of last year, deadline is the 20th",
            "Hacienda me pide las facturas de todas mis ventas y el plazo vence pronto",
            "البنك ارسل اعتراض على عملية واخر موعد للرد بكره",
        ],
    );
}

/// Phrasings a third blind probe showed missing, each written anew here, with its look-alikes.
#[test]
fn phrasings_found_missing_by_a_second_blind_probe() {
    fires(
        "account_takeover",
        &[
            "my phone number on the account was changed this morning, which I did not do",
            "buyers say I sent them messages asking for a bank transfer. I never sent those",
            "irgendwer hat nachrichten verschickt, die ich nie geschickt habe, ich war das nicht",
        ],
    );
    quiet(
        "account_takeover",
        &["غيرت كلمة السر وجاني ايميل، انا يلي غيرتها بس بتأكد"],
    );
    fires(
        "unauthorised_charge",
        &[
            "hay un cargo de 80 € y ni siquiera estoy registrado en su web",
            "カード会社から連絡があり、身に覚えがないご利用がありました",
            "Wer hat meine Karte benutzt? Ich hab nix gekauft, trotzdem eine Buchung",
        ],
    );
    fires(
        "threat",
        &[
            "he sent a photo of my shop from across the street",
            "the buyer got my number somehow and calls every night",
            "er hat mich auf Instagram gefunden und schreibt mir täglich",
        ],
    );
    quiet(
        "threat",
        &["minha mãe vai me matar se o presente não chegar kkk"],
    );
    fires(
        "product_safety",
        &[
            "the paint smell gave my kids headaches and nausea all night",
            "el sofá huele a químico y a mi abuela le dieron mareos",
        ],
    );
    quiet(
        "product_safety",
        &["the stitches on the bag came undone after a week"],
    );
    fires(
        "locked_out",
        &[
            "it just says payouts disabled and I have 2,000 in my balance",
            "Seit Montag kann ich nix auszahlen",
        ],
    );
    quiet(
        "locked_out",
        &["my card didn't go through, will another card work?"],
    );
    fires(
        "legal_deadline",
        &[
            "la Agencia Tributaria me manda un requerimiento y tengo hasta el martes",
            "mon avocat veut les messages pour vendredi, l'audience est à la justice de paix",
        ],
    );
    quiet(
        "legal_deadline",
        &["se não resolverem até sexta vou reclamar no Procon"],
    );
}

/// Look-alikes from the seed's fourth round (stop 44) that the rules made urgent, each written anew here.
#[test]
fn look_alikes_found_in_the_seeds_fourth_round() {
    quiet(
        "repeated_charge",
        &[
            "la app del banco muestra el cargo y una retención pendiente del mismo importe, ¿me cobran dos veces?",
            "a tela travou. se eu tentar de novo vou ser cobrada duas vezes?",
            "le paiement a bloqué, si je réessaie je serai débité deux fois ?",
            "Zahlung hängt. Wenn ich nochmal auf Bezahlen klicke, wird dann doppelt abgebucht?",
            "カードアプリに同じ金額の承認中が2件あります。二回請求されますか",
            "في تطبيق البنك خصم مكتمل وجنبه عملية 'معلّقة' بنفس المبلغ، هل بينخصم مرتين؟",
        ],
    );
    fires(
        "repeated_charge",
        &["you charged me twice for the same order, both already posted to my account"],
    );
    quiet(
        "product_safety",
        &[
            "our sales are on fire this week, how do I add more listings?",
            "prix en feu sur tout le stock : comment baisser toutes mes annonces ?",
            "燃えるような大特価のセールを出品したいです",
        ],
    );
    fires(
        "product_safety",
        &["the charger caught fire on my desk last night"],
    );
    quiet(
        "account_takeover",
        &["انا بنفسي غيرت رقم الجوال ووصلني اشعار بالتغيير"],
    );
}

/// The seed's look-alikes the rules still raised after the fourth round, each beside the real case that must
/// still fire.
#[test]
fn look_alikes_found_in_the_seeds_fifth_round() {
    quiet(
        "threat",
        &[
            "The buyer called me useless and a fraud in three messages. No threats, just rude. Can I report him?",
            "Me insultó dos veces por el retraso, pero no me amenazó. ¿Lo puedo bloquear?",
            "Il m'insulte depuis hier à cause du retard. Pas de menace, mais c'est pénible.",
            "Er beschimpft mich seit gestern, keine Drohung, nur unverschämt. Blockieren möglich?",
            "Ele me xingou no chat, mas não ameaçou ninguém. Dá pra bloquear?",
            "المشتري يسبني في الرسائل بس مافيش تهديد، كيف احظره؟",
            "購入者から暴言が続いています。脅しはないのですが、ブロックできますか",
            "I've been stalking the tracking for a week now, still says label created",
            "llevo días stalkeando el seguimiento y no se mueve",
            "追跡をずっとストーカーしてるけど止まったまま",
        ],
    );
    fires(
        "threat",
        &[
            "He keeps insulting me in messages and says he'll come round",
            "Me insulta todos los días por mensaje",
            "someone has been stalking me since I sold him the bike",
            "No threats in writing, but he knows where I live and came to my door",
        ],
    );
    quiet(
        "product_safety",
        &[
            "does the lamp come in smoke grey or only white?",
            "¿El abrigo en gris humo es más oscuro que en la foto?",
            "Le plaid gris fumée existe en plus grand ?",
            "this candle burns for 40 hours, is that total?",
            "الطاوله متوفره بالرمادي الدخاني؟",
        ],
    );
    fires(
        "product_safety",
        &[
            "the grey heater started smoking after ten minutes",
            "the candle burnt the table and my hand",
        ],
    );
    quiet(
        "account_takeover",
        &[
            "I hacked together a stand for my product photos, any tips?",
            "Le code de bienvenue ne marche pas, je n'ai jamais commandé chez vous avant",
            "Das Konto ist gesperrt, geht nicht. Ich hab nichts gemacht, was brauchen Sie?",
        ],
    );
    fires(
        "account_takeover",
        &[
            "my account was hacked last night",
            "there are orders in my account I never placed",
        ],
    );
    quiet(
        "repeated_charge",
        &[
            "the app crashes, my phone is fully charged and I restarted it twice",
            "my ID photo was rejected twice. I took it in the garden",
            "the parcel took four days and the buyer messaged me twice about it",
            "se quedó colgado el pago, ¿si le doy otra vez me van a cobrar dos veces?",
            "Wenn ich's nochmal versuche, wird dann doppelt abgebucht?",
            "الدفع علق، اذا ضغطت مره ثانيه ينخصم مرتين؟",
            "画面が固まった。もう一回押したら二重に請求されますか",
        ],
    );
    fires(
        "repeated_charge",
        &["you took the money twice for one order"],
    );
    // The user closes the request: what worried them was their own.
    for message in [
        "I reported an unknown charge earlier, it was my wife's order. You can close this, sorry!",
        "Le débit inconnu, c'était ma commande en fait. Vous pouvez fermer ma demande.",
        "Die unbekannte Abbuchung war doch meine Bestellung, kann geschlossen werden.",
        "知らない請求は家族の購入でした。お騒がせしました",
    ] {
        assert_eq!(codes(message), Vec::<String>::new(), "{message}");
    }
}
