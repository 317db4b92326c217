//! Every urgent rule in the seven languages the widget speaks, and the near misses that must stay quiet.

use super::*;

/// The codes of the urgent findings for `message`, as on the wire (`repeated_charge`).
pub(super) fn codes(message: &str) -> Vec<String> {
    urgent(&Text::new(message))
        .iter()
        .map(|finding| code(&finding.reason))
        .collect()
}

fn code(reason: &TriageReason) -> String {
    serde_json::to_value(reason).unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[track_caller]
pub(super) fn fires(expected: &str, messages: &[&str]) {
    for message in messages {
        let codes = codes(message);
        assert!(
            codes.iter().any(|code| code == expected),
            "{expected} should fire on {message:?}, got {codes:?}"
        );
    }
}

#[track_caller]
pub(super) fn quiet(unexpected: &str, messages: &[&str]) {
    for message in messages {
        let codes = codes(message);
        assert!(
            !codes.iter().any(|code| code == unexpected),
            "{unexpected} should not fire on {message:?}, got {codes:?}"
        );
    }
}

/// The queue of the finding with `expected` code.
pub(super) fn queue(expected: &str, message: &str) -> Option<Queue> {
    let findings = urgent(&Text::new(message));
    let finding = findings
        .iter()
        .find(|finding| code(&finding.reason) == expected);
    finding
        .unwrap_or_else(|| panic!("{expected} should fire on {message:?}"))
        .queue
}

#[test]
fn account_takeover() {
    fires(
        "account_takeover",
        &[
            "Someone logged into my account and changed my EMAIL, that wasnt me!!",
            "got an alert about a login from another country (russia??) pls help",
            "Alguien cambió mi contraseña y mi correo, ayuda",
            "Quelqu'un a modifié mon adresse mail, c'est pas moi",
            "Mein Konto wurde gehackt, jemand hat mein Passwort geändert",
            "alguem alterou minha senha e meu email, nao fui eu",
            "شخص دخل الى حسابي وغير كلمة المرور",
            "知らない端末から不正ログインがありました。パスワードも勝手に変更されています",
        ],
    );
    quiet(
        "account_takeover",
        &[
            "I want to change my email",
            "How do I change my password?",
            "Quiero cambiar mi correo electrónico",
            "Je voudrais changer mon mot de passe svp",
            "Ich möchte meine E-Mail-Adresse ändern",
            "Como faço para mudar minha senha?",
            "أريد تغيير البريد الإلكتروني",
            "メールアドレスを変更したいです",
        ],
    );
    assert_eq!(
        queue("account_takeover", "I got HACKED"),
        Some(Queue::General)
    );
}

#[test]
fn payout_details_changed() {
    fires(
        "payout_details_changed",
        &[
            "Someone changed the bank account on my seller profile",
            "my payout went to an account that isn't mine???",
            "Me cambiaron la cuenta bancaria de mi perfil de vendedor",
            "Mon IBAN a été modifié et je n'ai rien fait",
            "Jemand hat meine Bankverbindung geändert!!",
            "Alteraram minha conta bancária e o repasse foi pra outra conta",
            "تم تغيير الحساب البنكي في حسابي بدون علمي",
            "振込先の口座が勝手に変更されていました",
        ],
    );
    quiet(
        "payout_details_changed",
        &[
            "I changed my bank account last week, when is my next payout?",
            "Quiero cambiar mi cuenta bancaria",
            "Comment changer mon RIB ?",
            "Wie ändere ich meine Bankverbindung?",
            "Paguei com pix e trocaram meu produto",
        ],
    );
}

#[test]
fn a_changed_payout_account_outweighs_the_takeover_that_led_to_it() {
    let message = "my account was hacked and they changed my IBAN";
    assert_eq!(codes(message), ["payout_details_changed"]);
    assert_eq!(
        queue("payout_details_changed", message),
        Some(Queue::Payouts)
    );
    assert_eq!(codes("my account was hacked"), ["account_takeover"]);
}

#[test]
fn repeated_charge() {
    fires(
        "repeated_charge",
        &[
            "I was CHARGED TWICE for the same order!!",
            "they charged my card 3 times for one item",
            "me cobraron dos veces el mismo pedido",
            "J'ai été deux fois débité pour une seule commande",
            "Mir wurde der Betrag zweimal abgebucht",
            "Fui cobrado duas vezes no cartão",
            "تم خصم المبلغ مرتين من بطاقتي",
            "同じ注文で２回引き落とされました",
            "二重に請求されています",
        ],
    );
    quiet(
        "repeated_charge",
        &[
            "I was charged for my order, is that normal?",
            "i was charged once but the order page shows it twice",
            "they charged me twice as much as the listed price",
            "Me cobraron una vez, todo bien",
            "Die Bestellung wurde nur einmal abgebucht",
            "my phone charger broke twice",
            "تواصلت معكم مرتين بدون رد",
            "12回払いで請求されました",
        ],
    );
    assert_eq!(
        queue("repeated_charge", "charged twice"),
        Some(Queue::Payments)
    );
}

#[test]
fn unauthorised_charge() {
    fires(
        "unauthorised_charge",
        &[
            "There's a charge on my card I don't recognise",
            "I didn't make this purchase!!!",
            "Hay una compra que no hice en mi tarjeta",
            "Je ne reconnais pas ce prélèvement sur mon compte",
            "Ich habe diesen Kauf nicht getätigt",
            "Tem uma cobrança que eu não reconheço no meu cartão",
            "لم اقم بهذه العملية، تم خصم مبلغ من بطاقتي",
            "身に覚えのない請求があります",
        ],
    );
    quiet(
        "unauthorised_charge",
        &[
            "payment failed with unknown error",
            "El pago dio un error desconocido",
            "Paiement refusé, erreur inconnue",
            "I made the purchase yesterday, where is it?",
        ],
    );
}

#[test]
fn threat() {
    fires(
        "threat",
        &[
            "this buyer KNOWS WHERE I LIVE and threatened me",
            "El vendedor me amenazó por mensaje",
            "Le vendeur me menace et me harcèle depuis hier",
            "Der Käufer bedroht mich und weiß, wo ich wohne",
            "O comprador está me ameaçando e me xingando",
            "البائع يهددني ويعرف عنواني",
            "出品者から脅迫のメッセージが届きました",
        ],
    );
    // Judgement call: a bad review is not a danger to anyone.
    quiet(
        "threat",
        &[
            "the seller threatened to leave me a bad review",
            "El comprador amenaza con dejarme una mala reseña",
            "L'acheteur menace de laisser un avis négatif",
            "Der Käufer droht mit einer schlechten Bewertung",
            "O comprador ameaçou deixar uma avaliação negativa",
            "I'm scared my package got lost",
            "Tengo miedo de que no llegue mi pedido",
        ],
    );
    assert_eq!(queue("threat", "he is stalking me"), Some(Queue::Disputes));
}

#[test]
fn product_safety() {
    fires(
        "product_safety",
        &[
            "The charger started SMOKING and melted the plug",
            "El cargador echaba humo y se derritió",
            "La batterie a pris feu pendant la charge",
            "Das Netzteil ist geschmolzen und es kam Rauch raus",
            "o carregador pegou fogo na tomada",
            "الشاحن طلع منه دخان واحترق",
            "充電中にバッテリーが発火しました",
            "the heater burned my daughter's hand",
        ],
    );
    quiet(
        "product_safety",
        &[
            "Is this a fire sale? prices are crazy",
            "this is a smoking deal lol",
            "can you add a fire emoji to my listing",
            "I got burned by this seller, never again",
            "J'attends le feu vert de ma banque",
            "Brand new in box, never opened",
            "¿Me llamas mañana?",
            "these sneakers are fire, do you have size 44?",
            "Gran liquidación: ¿el fuego de los precios sigue el lunes?",
            "Räumungsverkauf: sind die Preise noch gültig?",
            "a queima de estoque vai até quando? quero pegar fogo nos preços",
            "متى تنتهي عروض حرق الاسعار؟",
            "在庫一掃セールはいつまでですか",
        ],
    );
}

#[test]
fn locked_out() {
    fires(
        "locked_out",
        &[
            "I can't check out, the button does nothing",
            "checkout won't let me pay",
            "my card was declined every time I tried",
            "No puedo pagar mi pedido, me sale error",
            "Impossible de payer ma commande depuis ce matin",
            "Ich kann meine Bestellung nicht bezahlen",
            "Não consigo pagar, sempre dá erro",
            "لا أستطيع الدفع في صفحة الطلب",
            "支払いができないです",
        ],
    );
    // A single declined card is a failed payment, raised elsewhere.
    quiet(
        "locked_out",
        &[
            "My card was declined",
            "Mi tarjeta fue rechazada",
            "Ma carte a été refusée",
            "Meine Karte wurde abgelehnt",
            "Meu cartão foi recusado",
            "تم رفض بطاقتي",
            "カードが拒否されました",
        ],
    );
    let payouts = Some(Queue::Payouts);
    assert_eq!(
        queue("locked_out", "locked out of payouts for a week"),
        payouts
    );
    assert_eq!(queue("locked_out", "nao consigo sacar meu saldo"), payouts);
    assert_eq!(queue("locked_out", "出金できません"), payouts);
    assert_eq!(queue("locked_out", "I can't pay"), Some(Queue::Payments));
}

#[test]
fn legal_deadline() {
    fires(
        "legal_deadline",
        &[
            "I need the invoice by Friday or I go to court",
            "my court date is on the 12th, I need the receipt",
            "Tengo juicio el lunes y necesito la factura",
            "J'ai une audience au tribunal mardi, j'ai besoin du reçu",
            "Mein Gerichtstermin ist am Montag",
            "Mein Anwalt hat eine Frist bis Freitag gesetzt",
            "Tenho audiência no juizado na sexta, preciso da nota",
            "موعد المحكمة يوم الأحد واحتاج الفاتورة",
            "来週裁判所に提出する書類が必要です",
        ],
    );
    quiet(
        "legal_deadline",
        &[
            "What's the deadline to return an item?",
            "¿Cuál es el plazo de devolución?",
            "Qual o prazo de entrega?",
            "Wann endet die Frist für die Rückgabe?",
            "O prazo do processo de verificação acabou",
            "返品期限はいつですか",
        ],
    );
}

#[test]
fn findings_quote_the_users_folded_words() {
    let findings = urgent(&Text::new("Me cobráron DOS VECES"));
    let words = vec!["cobraron".to_owned(), "dos veces".to_owned()];
    let reason = TriageReason::RepeatedCharge { words };
    let queue = Some(Queue::Payments);
    assert_eq!(findings, [Finding { reason, queue }]);
}

#[test]
fn a_quiet_message_has_no_findings() {
    assert_eq!(
        urgent(&Text::new("Where is my order? It's been 3 days")),
        []
    );
}

/// The alarm codes for `message`.
fn alarm_codes(message: &str) -> Vec<String> {
    alarms(&Text::new(message)).iter().map(code).collect()
}

#[test]
fn alarms_in_every_language() {
    assert_eq!(
        alarm_codes("I'll file a chargeback with my bank"),
        ["chargeback"]
    );
    assert_eq!(
        alarm_codes("Ich habe eine Rückbuchung veranlasst"),
        ["chargeback"]
    );
    assert_eq!(alarm_codes("チャージバックします"), ["chargeback"]);
    assert_eq!(alarm_codes("voy a poner una denuncia"), ["legal_threat"]);
    assert_eq!(alarm_codes("je vais porter plainte"), ["legal_threat"]);
    assert_eq!(alarm_codes("C'est une arnaque"), ["fraud_claim"]);
    assert_eq!(
        alarm_codes("Isso é golpe, vou no Procon"),
        ["legal_threat", "fraud_claim"]
    );
    assert_eq!(
        alarm_codes("سأتصل بالشرطة، هذا احتيال"),
        ["legal_threat", "fraud_claim"]
    );
    assert_eq!(
        alarm_codes("詐欺です。警察に相談します"),
        ["legal_threat", "fraud_claim"]
    );
}

#[test]
fn one_alarm_per_kind_with_at_most_three_words() {
    let reasons = alarms(&Text::new(
        "my lawyer, my attorney, the court and the police",
    ));
    let words = ["lawyer", "attorney", "court"].map(String::from).to_vec();
    assert_eq!(reasons, [TriageReason::LegalThreat { words }]);
}

#[test]
fn everyday_words_raise_no_alarm() {
    for message in [
        "O processo de verificação está demorando",
        "o estorno ainda não caiu no cartão",
        "Envíos lentos por alta demanda",
        "muito legal o produto",
        "Where is my refund?",
    ] {
        assert_eq!(alarm_codes(message), Vec::<String>::new(), "{message:?}");
    }
}

#[test]
fn payout_hold_in_every_language() {
    for (message, word) in [
        ("my payout is ON HOLD", "on hold"),
        ("mi pago está retenido", "retenido"),
        ("mon versement est bloqué", "bloque"),
        ("Meine Auszahlung wurde eingefroren", "eingefroren"),
        ("meu saque está retido", "retido"),
        ("ارباحي محجوزة منذ اسبوع", "محجوز"),
        ("売上金が凍結されました", "凍結"),
    ] {
        let words = vec![word.to_owned()];
        let expected = Some(TriageReason::PayoutDelayed { words });
        assert_eq!(payout_hold(&Text::new(message)), expected, "{message:?}");
    }
    assert_eq!(payout_hold(&Text::new("when is my next payout?")), None);
}
