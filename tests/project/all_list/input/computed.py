import tensorflow as tf

__all__ = ["tf"] + ["other"]
