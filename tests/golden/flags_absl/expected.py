"""Command-line flags through tf.flags and tf.app.flags."""
import tensorflow as tf
import absl.flags

# positional and keyword forms
absl.flags.DEFINE_string("data_dir", "/tmp/data", "Where the data is.")
absl.flags.DEFINE_integer(name="batch_size", default=32, help="Batch size.")
absl.flags.DEFINE_float("lr", 0.1, "Learning rate.", lower_bound=0.0)
absl.flags.DEFINE_boolean("train", True, "Train or not.")
absl.flags.DEFINE_bool("eval", False, "Evaluate.")
# the old keyword names that only tf.flags' wrapper accepts
absl.flags.DEFINE_string(name="out", default="", help="Output.")
absl.flags.DEFINE_integer("steps", default=10, help="Steps.")
# absl's own objects, re-exported unchanged
absl.flags.DEFINE_list("layers", ["a", "b"], "Layer names.")
absl.flags.DEFINE_enum("mode", "train", ["train", "eval"], "Mode.")
absl.flags.mark_flag_as_required("data_dir")
absl.flags.mark_flags_as_required(["lr", "steps"])
# not converted: an old keyword given together with the new one, absl's
# **args keywords, and a splat
tf.flags.DEFINE_string("x", default="a", default_value="b", help="X.")
tf.flags.DEFINE_string("y", "", "Y.", short_name="Y")
tf.flags.DEFINE_integer(*("z", 1, "Z."))
# an absl call may hold TF uses, and a TF call may hold an absl one
absl.flags.DEFINE_integer("dim", tf.unknown_thing(), "Dimension.")
v = tf.unknown_call(absl.flags.DEFINE_list("n", [], "N."))
absl.flags.DEFINE_string("dtype", tf.float32.name, "Dtype name.")

FLAGS = tf.flags.FLAGS


def main(_):
    print(FLAGS.data_dir, tf.app.flags.FLAGS.batch_size)


if __name__ == "__main__":
    tf.app.run(main)
