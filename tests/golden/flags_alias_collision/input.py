# The alias form, as BERT writes it, in a file that also binds `absl`.
import tensorflow as tf

flags = tf.flags

FLAGS = flags.FLAGS

absl = "a local name"

flags.DEFINE_string("bert_config_file", None, "The config json file.")
flags.DEFINE_integer("max_seq_length", 128, "The maximum sequence length.")
flags.DEFINE_bool("do_train", False, "Whether to run training.")


def main(_):
    tf.logging.info(FLAGS.bert_config_file)


if __name__ == "__main__":
    flags.mark_flag_as_required("bert_config_file")
    tf.app.run()
