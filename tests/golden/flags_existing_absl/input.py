# absl.flags already imported under a name of its own: the conversions use
# it, and with every TF use converted the TF import goes.
from absl import flags as absl_flags
import tensorflow as tf

tf.compat.v1.flags.DEFINE_string("model_dir", None, "Model directory.")
tf.compat.v1.app.flags.DEFINE_integer("epochs", 3, "Epochs.")
absl_flags.mark_flag_as_required("model_dir")
