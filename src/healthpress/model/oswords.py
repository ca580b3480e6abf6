"""What an operating system error means, in Chinese: the editor reads this instead of Python's English
strerror ("[Errno 2] No such file or directory")."""

from __future__ import annotations

import errno

REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "磁盘是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已经存在",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EBUSY: "正被其他程序使用",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "读写磁盘出错",
    errno.EXDEV: "不能跨磁盘移动",
    errno.EPIPE: "输出的去处已经关闭",
    errno.EADDRINUSE: "端口已被占用",
    errno.EADDRNOTAVAIL: "这个地址不是本机的地址",
    errno.ECONNREFUSED: "连接被拒绝",
    errno.ETIMEDOUT: "连接超时",
    errno.ENETUNREACH: "网络不通",
    errno.EHOSTUNREACH: "连不上这台主机",
    errno.ECONNRESET: "连接被对方断开",
}
"""The common errnos an editor meets, each in Chinese."""


def os_reason(exc: OSError) -> str:
    """What went wrong in `exc`, in Chinese (the errno's number kept when it is not a common one)."""
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    if exc.errno is not None:
        return f"系统错误（错误号 {exc.errno}）"
    return "系统错误"
