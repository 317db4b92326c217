//! A plain question: the user asks how something works ("do you accept PayPal?", "how do I reorder my photos?")
//! and says nothing is wrong. Such a ticket can wait: low priority, whichever team answers it.
//!
//! A question opens the message (or its second sentence, after a greeting) and nothing in it reports a problem:
//! no negation, no failure, nothing missing or late. Long messages are never plain questions: people who
//! write a paragraph are describing something that went wrong.

use super::text::{Text, phrases};

/// More words than this is a story, not a quick question.
const MAX_WORDS: usize = 30;

/// How questions about how things work begin, folded, in the widget's seven languages.
const OPENERS: &str = "how do i | how can i | how to | how long | how much | how many | how does | can i | \
    could i | can we | do you | does it | does the | is it possible | is there | are there | which | \
    what is the | what are the | where can i | where do i | do i need | am i able | como puedo | como hago | \
    como se | como cambio | como pongo | como agrego | como funciona | se puede | puedo | aceptan | hay | \
    cuanto* | cuales | cual es | que necesito | es posible | tienen | comment | est ce que | est-ce que | \
    peut on | peut-on | puis je | puis-je | on peut | acceptez | combien | quel* | y a t il | est il possible | \
    faut il | wie kann | wie lange | wie viel* | wie funktioniert | wie andere | kann man | kann ich | gibt es | \
    akzeptiert | nehmt ihr | nehmen sie | welche* | ist es moglich | darf ich | muss ich | como faco | como faz | \
    como mudo | como coloco | como funciona | tem como | posso | da pra | aceitam | quanto* | quais | qual | \
    e possivel | preciso | كيف | هل | كم | ما هي | ممكن | 方法 | できますか | ありますか | 使えますか | どうやって | \
    どうすれば | 教えてください | いくら | 可能ですか";

/// Words that report something wrong, or ask for something to be undone now (a cancellation): with one of them,
/// a question is about a problem.
const PROBLEMS: &str = "not | n't | never | no longer | still | wrong | error* | fail* | problem* | issue* | \
    broken | damaged | missing | lost | late | stuck | blocked | declined | charged | hacked | refund* | scam* | \
    urgent | asap | help me | cancel* | no | cancelar | annul* | storn* | الغاء | キャンセル | nunca | todavia | aun no | ya no | error* | problema* | falla* | roto | rota | \
    perdid* | tarde | bloquead* | rechazad* | urgente | ne | pas | jamais | toujours pas | erreur* | probleme* | \
    echec | casse* | perdu* | retard* | bloque* | refuse* | nicht | kein* | nie | noch immer | immer noch | \
    fehler* | problem* | kaputt | verloren | verspat* | gesperrt | abgelehnt | dringend | nao | nunca | ainda | \
    erro* | problema* | falh* | quebr* | perdid* | atrasad* | bloquead* | recusad* | urgente | ما وصل | لم يصل | \
    مشكله | خطا | مرفوض | متاخر | عاجل | エラー | 届かない | 届いていない | 問題 | 失敗 | 遅れ | 壊れ | 至急 | 困って";

/// Arabic negations, as whole words: inside other words they are just letters (الاستلام holds لا).
const ARABIC_NEGATIONS: &[&str] = &["لا", "لم", "لن", "ليس", "مش", "ما"];

/// Whether `text` only asks how something works.
pub fn is_plain_question(text: &Text) -> bool {
    let words = text.words().count();
    if words == 0 || words > MAX_WORDS {
        return false;
    }
    let negated = text.words().any(|word| ARABIC_NEGATIONS.contains(&word));
    !negated
        && text.find_any(phrases(OPENERS)).is_some()
        && text.find_any(phrases(PROBLEMS)).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(message: &str) -> bool {
        is_plain_question(&Text::new(message))
    }

    #[test]
    fn questions_about_how_things_work_are_plain_in_every_language() {
        for message in [
            "do you accept paypal",
            "How do I reorder the photos in my listing?",
            "¿Se puede pagar en meses sin intereses?",
            "Est-ce que vous livrez en Suisse ?",
            "Kann man mit Rechnung bezahlen?",
            "tem como mudar o idioma do site?",
            "هل يمكن الدفع عند الاستلام؟",
            "コンビニ払いは使えますか",
        ] {
            assert!(plain(message), "{message}");
        }
    }

    #[test]
    fn a_question_about_a_problem_is_not_plain() {
        for message in [
            "how do I get my money back? the parcel never arrived",
            "why was I charged twice",
            "can you help, my payment failed",
            "¿Puedo cancelar? todavía no llega",
            "Comment faire ? le paiement est refusé",
            "Kann ich stornieren? Die Lieferung ist immer noch nicht da",
            "posso cancelar? ainda nao chegou",
            "كيف ارجع المنتج؟ لم يصل",
            "荷物が届かないのですが、どうすればいいですか",
            "where is my money",
        ] {
            assert!(!plain(message), "{message}");
        }
    }

    #[test]
    fn a_long_message_is_a_story_not_a_quick_question() {
        let long = format!("how do I {}", "add one more photo and ".repeat(8));
        assert!(!plain(&long));
    }
}
