# absl.flags already imported under a name of its own: the conversions use
# it, and with every TF use converted the TF import goes.
from absl import flags as absl_flags
import absl.flags as absl_flags2

absl_flags2.DEFINE_string("model_dir", None, "Model directory.")
absl_flags2.DEFINE_integer("epochs", 3, "Epochs.")
absl_flags.mark_flag_as_required("model_dir")
