import os; import sys
from mindspore import ops
Y = ops.stop_gradient(os.sep + sys.prefix)
