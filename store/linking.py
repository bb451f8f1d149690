"""Task keys across notes (provisional: normalised task text)."""
import hashlib
import re


def relink(tasks, documents, root):
    return ["t-" + hashlib.sha1(re.sub(r"\W+", " ", t.lower()).strip().encode()).hexdigest()[:12]
            for t in tasks["task_text"].to_pylist()]
