import tensorflow as tf
import absl.flags

flags = tf.flags
FLAGS = flags.FLAGS
absl.flags.DEFINE_integer("steps", 10, "how many")


def train(mode):
    # Reads of flag values are uses of tf.flags.FLAGS, grouped there.
    for _ in range(FLAGS.steps):
        pass
    if FLAGS.use_tpu and mode == tf.estimator.ModeKeys.TRAIN:
        return tf.flags.FLAGS.output_dir
    return tf.estimator.ModeKeys.EVAL
