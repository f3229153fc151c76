import mindspore
from mindspore import ops

w = mindspore.Parameter(ops.normal((3, 4), 0.0, 0.1))
b = mindspore.Parameter(ops.zeros((4,)), requires_grad=False)
