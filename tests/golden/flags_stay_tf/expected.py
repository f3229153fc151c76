# tf.app.flags through an alias (as gcn and DCGAN write it). Only the
# definitions convert: FLAGS parses sys.argv on its first read in TF 1.15,
# where absl.flags.FLAGS raises before an explicit parse, so FLAGS, its
# reads and tf.app.run stay TF.
import tensorflow as tf
import absl.flags

flags = tf.app.flags
FLAGS = flags.FLAGS
absl.flags.DEFINE_string('dataset', 'cora', 'Dataset string.')
absl.flags.DEFINE_float('learning_rate', 0.01, 'Initial learning rate.')
absl.flags.DEFINE_boolean('visualize', False, 'True for visualizing.')

print(FLAGS.dataset, tf.flags.FLAGS.learning_rate)
print(FLAGS.__flags)
tf.app.run()
