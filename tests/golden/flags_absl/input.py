"""Command-line flags through tf.flags and tf.app.flags."""
import tensorflow as tf

# positional and keyword forms
tf.flags.DEFINE_string("data_dir", "/tmp/data", "Where the data is.")
tf.flags.DEFINE_integer(name="batch_size", default=32, help="Batch size.")
tf.app.flags.DEFINE_float("lr", 0.1, "Learning rate.", lower_bound=0.0)
tf.app.flags.DEFINE_boolean("train", True, "Train or not.")
tf.compat.v1.flags.DEFINE_bool("eval", False, "Evaluate.")
# the old keyword names that only tf.flags' wrapper accepts
tf.flags.DEFINE_string(flag_name="out", default_value="", docstring="Output.")
tf.app.flags.DEFINE_integer("steps", default_value=10, docstring="Steps.")
# absl's own objects, re-exported unchanged
tf.flags.DEFINE_list("layers", ["a", "b"], "Layer names.")
tf.flags.DEFINE_enum("mode", "train", ["train", "eval"], "Mode.")
tf.flags.mark_flag_as_required("data_dir")
tf.app.flags.mark_flags_as_required(["lr", "steps"])
# not converted: an old keyword given together with the new one, absl's
# **args keywords, and a splat
tf.flags.DEFINE_string("x", default="a", default_value="b", help="X.")
tf.flags.DEFINE_string("y", "", "Y.", short_name="Y")
tf.flags.DEFINE_integer(*("z", 1, "Z."))
# an absl call may hold TF uses, and a TF call may hold an absl one
tf.flags.DEFINE_integer("dim", tf.unknown_thing(), "Dimension.")
v = tf.unknown_call(tf.flags.DEFINE_list("n", [], "N."))
tf.flags.DEFINE_string("dtype", tf.float32.name, "Dtype name.")

FLAGS = tf.flags.FLAGS


def main(_):
    print(FLAGS.data_dir, tf.app.flags.FLAGS.batch_size)


if __name__ == "__main__":
    tf.app.run(main)
