#!/usr/bin/env python3
# Writes test-template-unit-cases.h: every case below rendered by the real Jinja2 (Debian's
# python3-jinja2 3.1, Environment(undefined=StrictUndefined)). The expected text comes from
# Jinja2, never from Tessera. Run: /usr/bin/python3 gen-unit-cases.py > test-template-unit-cases.h
import json
import sys

import jinja2
from jinja2 import Environment, StrictUndefined

ENV = Environment(undefined=StrictUndefined)

DATA = {
    "n": 7, "neg": -3, "f": 2.5, "s": "Hello World", "u": "h\u00e9llo w\u00f6rld", "e": "",
    "b": True, "z": None, "lst": [3, 1, 2], "words": ["pear", "Apple", "fig", "apple"],
    "d": {"b": 2, "a": 1, "C": 3},
    "user": {"name": "Ada", "age": 36, "tags": ["math", "code"], "items": 3},
    "users": [{"name": "Bo", "age": 41, "group": "b"}, {"name": "al", "age": 29, "group": "a"},
              {"name": "Cy", "age": 35, "group": "b"}],
    "html": "<p class='x'>Tom &amp; <b>Jerry</b></p>  <!-- c -->",
    "long": "the quick brown fox jumps over the lazy dog",
    "nested": {"a": {"b": [1, {"c": "deep"}]}},
}

# (name, template) -- grouped by what they exercise
CASES = [
    # statements
    ("stmt/text", "plain text, no tags"),
    ("stmt/output", "{{ n }} {{ s }} {{ f }} {{ b }} {{ z }} {{ lst }} {{ d }}"),
    ("stmt/if", "{% if n > 5 %}big{% elif n > 2 %}mid{% else %}small{% endif %}"),
    ("stmt/if-elif", "{% if n > 10 %}a{% elif n == 7 %}b{% endif %}"),
    ("stmt/for", "{% for x in lst %}{{ x }},{% endfor %}"),
    ("stmt/for-else", "{% for x in [] %}{{ x }}{% else %}empty{% endfor %}"),
    ("stmt/for-filter", "{% for x in lst if x > 1 %}{{ x }}/{{ loop.length }}{% endfor %}"),
    ("stmt/for-unpack", "{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}"),
    ("stmt/for-items", "{% for k, v in d.items() %}{{ k }}{{ v }}{% endfor %}"),
    ("stmt/for-dict", "{% for k in d %}{{ k }}{% endfor %}"),
    ("stmt/for-string", "{% for c in 'abc' %}[{{ c }}]{% endfor %}"),
    ("stmt/loop-vars", "{% for x in lst %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}"
                       "{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}"),
    ("stmt/loop-cycle", "{% for x in lst %}{{ loop.cycle('a', 'b') }}{% endfor %}"),
    ("stmt/loop-prev-next", "{% for x in lst %}{{ loop.previtem|default('-') }}{{ loop.nextitem|default('-') }} {% endfor %}"),
    ("stmt/loop-changed", "{% for x in [1, 1, 2, 2, 1] %}{{ loop.changed(x) }} {% endfor %}"),
    ("stmt/loop-depth", "{% for x in [1] %}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}"),
    ("stmt/loop-recursive", "{% for x in [[1, [2, 3]], 4, []] recursive %}<{{ loop.depth }}/{{ loop.depth0 }}:{% if x is iterable %}{{ loop(x) }}{% else %}{{ x }}{% endif %}>{% else %}E{% endfor %}"),
    ("stmt/nested-loop", "{% for a in [1, 2] %}{% for b in 'xy' %}{{ a }}{{ b }}{{ loop.index }} {% endfor %}{% endfor %}"),
    ("stmt/loop-scope", "{% set x = 5 %}{% for i in [1, 2] %}{{ x }}{% set x = i %}{{ x }}{% endfor %}{{ x }}"),
    ("stmt/set", "{% set a = 1 %}{% set b, c = 2, 3 %}{{ a }}{{ b }}{{ c }}"),
    ("stmt/set-block", "{% set block %}Hi {{ s }}{% endset %}[{{ block }}]"),
    ("stmt/set-block-filter", "{% set block | upper | replace('O', '0') %}hello {{ n }}{% endset %}{{ block }}"),
    ("stmt/namespace", "{% set ns = namespace(total=0) %}{% for x in lst %}{% set ns.total = ns.total + x %}{% endfor %}{{ ns.total }} {{ ns }}"),
    ("stmt/with", "{% with a = 1, b = n %}{{ a + b }}{% endwith %}{{ a is defined }}"),
    ("stmt/macro", "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Bo') }} {{ greet('Al', punct='?') }}"),
    ("stmt/macro-varargs", "{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, k=3) }}"),
    ("stmt/macro-caller", "{% macro box() %}<{{ caller() }}>{% endmacro %}{% call box() %}inside {{ n }}{% endcall %}"),
    ("stmt/call-args", "{% macro list(items) %}{% for i in items %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(x) list(lst) %}[{{ x * 2 }}]{% endcall %}"),
    ("stmt/macro-closure", "{% for x in lst %}{% macro show() %}{{ x }}{% endmacro %}{{ show() }}{% endfor %}"),
    ("stmt/filter-block", "{% filter upper %}shout {{ s }}{% endfilter %}"),
    ("stmt/raw", "{% raw %}{{ not evaluated }} {% if %}{% endraw %}"),
    ("stmt/comment", "a{# comment #}b{#- trimmed -#}  c"),
    ("stmt/print", "{% print n, s %}"),
    ("stmt/block-inline", "a{% block b %}[{{ n }}]{% endblock %}{% for i in [1] %}{% block q %}{{ i is defined }}{% endblock q %}{% endfor %}"),
    ("ws/trim-both", "a  {{- n -}}  b"),
    ("ws/trim-block", "x\n  {%- if true -%}\n  y\n  {%- endif -%}\n  z"),
    ("ws/trailing-newline", "line\n"),
    ("ws/crlf", "a\r\nb\rc"),
    ("ws/comment-trim", "a \n {#- c -#} \n b"),
    ("ws/raw-trim", "a {%- raw -%}  r  {%- endraw -%} b"),
    # literals and operators
    ("expr/literals", "{{ 'a\\tb' }}|{{ \"q\\\"\" }}|{{ 1_000 }}|{{ 0x1f }}|{{ 0o17 }}|{{ 0b101 }}|{{ 1e3 }}|{{ 1.50 }}"),
    ("expr/string-escapes", "{{ 'caf\\u00e9' }} {{ '\\x41' }} {{ 'a\\nb' }} {{ 'keep\\d' }}"),
    ("expr/concat-strings", "{{ 'a' 'b' \"c\" }}"),
    ("expr/none-true-false", "{{ none }}{{ None }}{{ true }}{{ True }}{{ false }}{{ False }}"),
    ("expr/collections", "{{ [1, 'a', none, 1.0] }} {{ (1,) }} {{ (1, 2) }} {{ () }} {{ {'k': [1, {'x': (2,)}]} }}"),
    ("expr/arith", "{{ 7 + 2 }} {{ 7 - 9 }} {{ 7 * 3 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 10 }}"),
    ("expr/arith-signs", "{{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 7.5 % -2 }} {{ -7.5 // 2 }} {{ 2 ** -1 }} {{ -2 ** 2 }} {{ 2 ** 3 ** 2 }}"),
    # `-2 ** x`: Jinja emits a folded negative constant bare, and Python reads -(2 ** x)
    ("expr/pow-folded-negative-base", "{{ -2 ** 2 }} {{ -2 ** (n - 5) }} {{ (1 - 3) ** (n - 5) }} {{ [-2][0] ** (n - 5) }} {{ -2.5 ** (n - 5) }} {{ -0.0 ** (n - 7) }} {{ -true ** (n - 5) }} {{ -1 ** (f - 2) }} {{ -2 ** (n - 5) ** 3 }} {{ (-2 if true else 1) ** (n - 5) }} {{ (-2)|int ** (n - 5) }} {{ -2 ** -(n - 5) }} {{ -2 ** (n - 5) * 3 }}"),
    ("expr/pow-negated-operand", "{{ -n ** 2 }} {{ neg ** 2 }} {{ -n ** (n - 5) }} {{ -(-n) ** (n - 6) }} {{ -(n) ** (n - 6) }} {{ -(-2) ** (n - 6) }} {{ -('ab'.count('a')) ** (n - 5) }} {{ neg ** -2 }} {% set p = -2 %}{{ p ** (n - 5) }} {{ -f ** 2 }} {{ -(2 ** (n - 5)) ** 2 }}"),
    ("expr/arith-mixed", "{{ 1 + 2.0 }} {{ true + 1 }} {{ 10 / 4 }} {{ 10 / 5 }} {{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e-5 }} {{ 123456789.0 * 10 }}"),
    ("expr/string-ops", "{{ 'ab' + 'cd' }} {{ 'ab' * 3 }} {{ 3 * [1] }} {{ [1] + [2] }} {{ 'x' ~ 1 ~ none ~ [1] }}"),
    ("expr/compare", "{{ 1 < 2 }} {{ 2 <= 1 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 1 == 1.0 }} {{ 1 != 2 }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }}"),
    ("expr/in", "{{ 2 in lst }} {{ 9 not in lst }} {{ 'ell' in s }} {{ 'a' in d }} {{ 'zz' in d }}"),
    ("expr/logic", "{{ 0 or 'x' }} {{ 1 and 'y' }} {{ not 0 }} {{ none or [] }} {{ '' and 1 }}"),
    ("expr/condexpr", "{{ 'y' if n > 1 else 'n' }} {{ ('a' if false) ~ 'b' }} {{ (1 if false) is defined }}"),
    ("expr/attr-item", "{{ user.name }} {{ user['age'] }} {{ nested.a.b[1].c }} {{ lst.0 }} {{ user['items'] }} {{ user.get('name') }}"),
    ("expr/attr-method-first", "{{ d.items()|list }} {{ d.keys()|list }} {{ d.values()|list }}"),
    ("expr/views", "{{ d.keys() }} {{ d.values() }} {{ d.items() }}"),
    ("expr/slices", "{{ s[1:4] }} {{ s[::-1] }} {{ s[::3] }} {{ s[-3:] }} {{ lst[1:] }} {{ lst[::-1] }} {{ u[1:3] }} {{ s[10:1:-2] }}"),
    # a slice of a range is a range, printed as Python prints it
    ("expr/range-slices", "{{ range(5)[1:3] }} {{ range(5)[::2] }} {{ range(5)[::-1] }} {{ range(5)[-2:] }} {{ range(5)[10:] }} {{ range(0, 10, 3)[1:] }} {{ range(0, 10, 3)[::-2] }} {{ range(10, 0, -2)[1:3] }} {{ range(0)[::-1] }} {{ range(5)[5:2] }} {{ range(5)[true:] }} {{ range(5)[none:2] }} {{ range(n)[2:][1:] }} {{ [range(5)[1:3]] }} {{ range(5)[1:3]|string|upper }}"),
    ("expr/range-slice-uses", "{{ range(5)[1:3]|list }} {{ range(5)[1:3]|length }} {{ range(5)[::2]|sum }} {{ 2 in range(5)[1:3] }} {{ 3 in range(5)[1:3] }} {% for i in range(5)[::-2] %}{{ i }}{% endfor %} {{ range(5)[1:3][-1] }} {{ range(5)[1:3].start }} {{ range(5)[1:3]|last }} {{ range(5)[1:3] is sequence }} {{ range(5)[1:3]|pprint }} {{ range(5)[3:3] or 'empty' }}"),
    ("expr/range-equality", "{{ range(5)[1:3] == range(1, 3) }} {{ range(5)[1:3] == [1, 2] }} {{ range(0) == range(2, 2) }} {{ range(0, 3, 2) == range(0, 4, 2) }} {{ range(1, 2, 5) == range(1, 3, 7) }} {{ range(3) != range(0, 3, 2) }} {{ {range(2): 'r'}[range(0, 2)] }} {{ [range(0), range(3, 3)]|unique|list|length }}"),
    ("expr/markup-slice", "{{ [('<ab'|safe)[1:], ('ab'|safe)[0], ('ab'|safe)[::-1], (s|e)[-1]] }} {{ ('<b'|safe)[1:] ~ '<' }} {{ (html|e)[:4] is escaped }}"),
    ("expr/negative-index", "{{ lst[-1] }} {{ s[-1] }} {{ u[1] }}"),
    ("expr/calls", "{{ range(3)|list }} {{ range(1, 8, 3)|list }} {{ range(5, 0, -2)|list }} {{ range(3) }} {{ dict(a=1, b=2) }}"),
    ("expr/dyn-args", "{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}{{ m(*[1, 2]) }} {{ m(**{'a': 3, 'b': 4}) }}"),
    ("expr/float-repr", "{{ 3.0 }} {{ 0.1 }} {{ 1/3 }} {{ 2/3 }} {{ 1e22 }} {{ 1.5e-7 }} {{ 100.0 }} {{ -0.0 }} {{ 1e15 }} {{ 12345678901234567.0 }}"),
    ("expr/repr-strings", "{{ ['it\\'s', 'say \"hi\"', 'both \\' \"', 'tab\\t', '\\u00e9', '\\x01'] }}"),
    ("expr/undefined-in-repr", "{{ [missing] }}"),
    ("expr/cycler", "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}{% set _ = c.reset() %}{{ c.next() }}"),
    ("expr/lipsum-shape", "{% set t = lipsum(2, html=false, min=5, max=6) %}{{ t.split('\\n\\n')|length }} {{ t.endswith('.') }} {{ lipsum(1).startswith('<p>') }}"),
    ("expr/joiner", "{% set j = joiner('|') %}{% for x in lst %}{{ j() }}{{ x }}{% endfor %}"),
    ("expr/percent", "{{ '%s and %s'|format('a', 1) }} {{ '%d%%'|format(50) }} {{ '%05.1f|%-4s|%+d|%x|%o|%e'|format(3.14159, 'ab', 5, 255, 8, 12345.678) }} {{ '%(k)s'|format(k=1) }} {{ '%r'|format('q') }}"),
    ("expr/percent-op", "{{ '%s-%s' % (1, 2) }} {{ '%d' % 3 }} {{ '%.2f' % 1.005 }}"),
    ("expr/str-format", "{{ '{}-{}'.format(1, 'a') }} {{ '{0}{0}'.format('x') }} {{ '{name}!'.format(name='Bo') }} {{ '{:>5}|{:<4}|{:^7}|{:.2f}|{:05d}'.format('a', 'b', 'c', 2.5, 42) }}"),
    # string methods
    ("method/case", "{{ s.upper() }} {{ s.lower() }} {{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }} {{ 'AbC'.swapcase() }} {{ u.upper() }}"),
    ("method/strip", "[{{ '  a b  '.strip() }}][{{ 'xxaxx'.strip('x') }}][{{ '  a'.lstrip() }}][{{ 'a  '.rstrip() }}]"),
    ("method/split", "{{ 'a,b,,c'.split(',') }} {{ '  a  b '.split() }} {{ 'a b c'.split(' ', 1) }} {{ 'a b c'.rsplit(' ', 1) }} {{ 'l1\\nl2\\r\\nl3'.splitlines() }}"),
    ("method/search", "{{ s.startswith('He') }} {{ s.endswith(('x', 'ld')) }} {{ s.find('o') }} {{ s.rfind('o') }} {{ s.count('o') }} {{ s.index('W') }}"),
    ("method/replace-join", "{{ s.replace('o', '0') }} {{ s.replace('o', '0', 1) }} {{ '-'.join(['a', 'b']) }} {{ 'ab'.replace('', '.') }}"),
    ("method/pad", "[{{ 'ab'.center(6, '*') }}][{{ 'ab'.ljust(4) }}][{{ 'ab'.rjust(4, '.') }}][{{ '-42'.zfill(6) }}]"),
    ("method/predicates", "{{ '123'.isdigit() }} {{ 'abc'.isalpha() }} {{ 'a1'.isalnum() }} {{ ' '.isspace() }} {{ 'ab'.islower() }} {{ 'AB'.isupper() }} {{ ''.isdigit() }}"),
    ("method/partition", "{{ 'a=b=c'.partition('=') }} {{ 'a=b=c'.rpartition('=') }} {{ 'abc'.partition('x') }}"),
    ("method/affix", "{{ 'prefix_x'.removeprefix('prefix_') }} {{ 'x.txt'.removesuffix('.txt') }}"),
    ("method/list", "{% set l = [3, 1] %}{% set _ = l.append(2) %}{% set _ = l.extend([5]) %}{% set _ = l.insert(0, 9) %}{{ l }} {{ l.pop() }} {{ l.index(1) }} {{ l.count(3) }}{% set _ = l.sort() %} {{ l }}{% set _ = l.reverse() %} {{ l }}{% set _ = l.remove(9) %} {{ l }}"),
    ("method/dict", "{% set m = {'a': 1} %}{{ m.get('a') }} {{ m.get('x') }} {{ m.get('x', 0) }}{% set _ = m.update(b=2) %} {{ m }} {{ m.pop('a') }} {{ m.setdefault('c', 3) }} {{ m }}"),
    # filters
    ("filter/abs", "{{ neg|abs }} {{ (-2.5)|abs }}"),
    ("filter/attr", "{{ (user|attr('name')) is defined }} {{ (user|attr('keys')) is callable }} {{ ('ab'|attr('upper'))() }}"),
    ("filter/batch", "{{ [1, 2, 3, 4, 5]|batch(2)|list }} {{ [1, 2, 3]|batch(2, 'x')|list }}"),
    ("filter/capitalize", "{{ 'hELLO wORLD'|capitalize }}"),
    ("filter/center", "[{{ 'ab'|center(7) }}][{{ 'abc'|center(6) }}]"),
    ("filter/default", "{{ missing|default('d') }} {{ missing|d('x') }} {{ ''|default('e') }} {{ ''|default('e', true) }} {{ z|default('n') }} {{ user.nope|default(1) }}"),
    ("filter/dictsort", "{{ d|dictsort }} {{ d|dictsort(true) }} {{ d|dictsort(by='value', reverse=true) }}"),
    ("filter/escape", "{{ html|escape }} {{ '<&>\"\\''|e }} {{ 5|e }}"),
    ("filter/filesizeformat", "{{ 1|filesizeformat }} {{ 999|filesizeformat }} {{ 1000|filesizeformat }} {{ 123456789|filesizeformat }} {{ 1024|filesizeformat(true) }} {{ 3.5e12|filesizeformat }}"),
    ("filter/filesizeformat-values", "{{ '12'|filesizeformat }} {{ ' 1e3 '|filesizeformat }} {{ '1_000'|filesizeformat }} {{ 'inf'|filesizeformat }} {{ 'nan'|filesizeformat }} {{ '-nan'|filesizeformat }} {{ true|filesizeformat }} {{ false|filesizeformat }} {{ -5.5|filesizeformat }} {{ -0.5|filesizeformat }} {{ 1.5|filesizeformat }} {{ -1e20|filesizeformat }} {{ ('5'|safe)|filesizeformat }} {{ s|length|filesizeformat }}"),
    ("filter/first-last", "{{ lst|first }} {{ lst|last }} {{ 'abc'|first }} {{ ([]|first) is defined }}"),
    ("filter/last-dict", "{{ d|last }} {{ user|last }} {{ ({}|last) is defined }} {{ d.keys()|last }} {{ d.values()|last }} {{ d.items()|last }} {{ {1: 'a', 2: 'b'}|last }} {{ d|reverse|list }} {{ d|reverse|join }} {{ d|last|upper }} {{ nested|last }}"),
    ("filter/float", "{{ '3.5'|float }} {{ 'x'|float }} {{ 'x'|float(1.5) }} {{ 2|float }} {{ ' 1e3 '|float }}"),
    ("filter/format", "{{ '%s is %d years'|format('Ada', 36) }}"),
    ("filter/groupby", "{% for g in users|groupby('group') %}{{ g.grouper }}:{{ g.list|map(attribute='name')|join(',') }} {% endfor %}{% for key, items in users|groupby('group') %}{{ key }}{{ items|length }}{% endfor %}"),
    ("filter/indent", "{{ 'a\\nb\\n\\nc'|indent }}|{{ 'a\\nb'|indent(2, true) }}|{{ 'a\\n\\nb'|indent(1, blank=true) }}|{{ 'x\\ny'|indent('> ') }}"),
    ("filter/int", "{{ '42'|int }} {{ '4.7'|int }} {{ 'x'|int }} {{ 'x'|int(-1) }} {{ 3.9|int }} {{ '0x1A'|int(base=16) }} {{ '101'|int(base=2) }} {{ ' 7 '|int }} {{ true|int }} {{ 'nan'|int }}"),
    ("filter/items", "{{ d|items|list }}"),
    # |items of a non-mapping is a generator that raises only when iterated
    ("filter/items-lazy-tests", "{{ 3|items is defined }} {{ (3|items) is iterable }} {{ (z|items) is sequence }} {{ (s|items) is mapping }} {{ (lst|items) is none }} {{ (n|items) is string }} {{ (f|items) is callable }} {{ (b|items) is number }} {{ (3|items) is undefined }} {{ (3|items) is sameas (3|items) }} {{ (3|items) is eq 1 }} {{ (3|items) is in [1] }} {{ (3|items).x is defined }}"),
    ("filter/items-lazy-uses", "{% if 3|items %}T{% endif %} {{ not (z|items) }} {{ (s|items) and 1 }} {{ (3|items) != 1 }} {% set g = lst|items %}{{ g == g }} {{ ((3|items)|default(1)) is iterable }} {{ (3|items)|int }} {{ (3|items)|float }} {{ (3|items)|striptags }} {{ [3|items]|length }} {{ ((3|items), 1)|last }} {{ (missing|items)|list }}"),
    ("filter/join", "{{ lst|join }} {{ lst|join(', ') }} {{ users|join(' ', attribute='name') }}"),
    ("filter/length", "{{ s|length }} {{ u|length }} {{ lst|count }} {{ d|length }} {{ range(5)|length }}"),
    ("filter/list", "{{ 'ab'|list }} {{ d|list }} {{ (1, 2)|list }}"),
    ("filter/lower-upper", "{{ s|lower }} {{ s|upper }} {{ u|upper }}"),
    ("filter/map", "{{ users|map(attribute='name')|list }} {{ words|map('upper')|list }} {{ users|map(attribute='x', default='-')|list }} {{ ['1', '2']|map('int')|sum }}"),
    ("filter/min-max", "{{ lst|min }} {{ lst|max }} {{ words|min }} {{ words|max }} {{ words|max(case_sensitive=true) }} {{ users|max(attribute='age') }}"),
    ("filter/pprint", "{{ d|pprint }} {{ [1, 'a']|pprint }} {{ s|pprint }}"),
    ("filter/random", "{{ [7]|random }} {{ 'a'|random }} {{ ([]|random) is defined }} {{ lst|random in lst }}"),
    ("filter/reject-select", "{{ lst|select('odd')|list }} {{ lst|reject('odd')|list }} {{ [0, 1, '', 'a', none]|select|list }} {{ lst|select('>', 1)|list }} {{ lst|select('in', [1, 3])|list }}"),
    ("filter/selectattr", "{{ users|selectattr('age', 'gt', 30)|map(attribute='name')|list }} {{ users|rejectattr('group', 'eq', 'b')|map(attribute='name')|list }}"),
    ("filter/replace", "{{ s|replace('l', 'L') }} {{ s|replace('l', 'L', 2) }}"),
    ("filter/reverse", "{{ s|reverse }} {{ lst|reverse|list }} {{ u|reverse }}"),
    ("filter/round", "{{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ 2.1|round(0, 'ceil') }} {{ 2.9|round(1, 'floor') }} {{ 42|round }} {{ 1234|round(-2) }} {{ -0.5|round }}"),
    ("filter/safe-string", "{{ 5|string }} {{ none|string }} {{ '<b>'|safe }} {{ [1]|string }}"),
    ("filter/slice", "{{ [1, 2, 3, 4, 5]|slice(2)|list }} {{ [1, 2, 3, 4]|slice(3, 0)|list }}"),
    ("filter/sort", "{{ lst|sort }} {{ words|sort }} {{ words|sort(case_sensitive=true) }} {{ lst|sort(reverse=true) }} {{ users|sort(attribute='age')|map(attribute='name')|list }} {{ users|sort(attribute='group,name')|map(attribute='name')|list }}"),
    ("filter/striptags", "[{{ html|striptags }}]"),
    ("filter/sum", "{{ lst|sum }} {{ users|sum(attribute='age') }} {{ lst|sum(start=10) }} {{ [0.1, 0.2]|sum }}"),
    ("filter/title", "{{ 'hello world-wide (web) [x]'|title }} {{ \"it's\"|title }}"),
    ("filter/tojson", "{{ d|tojson }} {{ html|tojson }} {{ u|tojson }} {{ [1.0, none, true, 'q']|tojson }} {{ {'b': {'y': 1, 'x': [2]}}|tojson(2) }} {{ '\\u2603 \\U0001F600'|tojson }} {{ 'tab\\tnl\\n'|tojson }}"),
    ("filter/trim", "[{{ '  a  '|trim }}][{{ 'xxaxx'|trim('x') }}]"),
    ("filter/truncate", "{{ long|truncate(15) }}|{{ long|truncate(15, true) }}|{{ long|truncate(15, false, '>>', 0) }}|{{ 'short'|truncate(3, leeway=5) }}"),
    ("filter/unique", "{{ [1, 2, 1, 3, 2]|unique|list }} {{ ['a', 'A', 'b']|unique|list }} {{ ['a', 'A']|unique(case_sensitive=true)|list }} {{ users|unique(attribute='group')|map(attribute='name')|list }}"),
    ("filter/urlencode", "{{ 'a b&c/d?é'|urlencode }} {{ {'q': 'a b', 'n': 1}|urlencode }} {{ [('x', 'y z')]|urlencode }}"),
    ("filter/urlize", "{{ 'see https://example.com/a?b=1&c=2, or (www.foo.org). mail me@x.io <http://1.2.3.4:80/x> example.net' | urlize }}|{{ 'go http://verylongdomain.example.com/p now'|urlize(15, true, target='_blank') }}|{{ 'a (http://x.com/(b)) c'|urlize(rel='me') }}"),
    ("filter/wordcount", "{{ long|wordcount }} {{ 'one, two-three'|wordcount }}"),
    ("filter/wordwrap", "{{ long|wordwrap(10) }}|{{ long|wordwrap(10, wrapstring='<br>') }}|{{ 'abcdefghijklmnop'|wordwrap(5) }}"),
    ("filter/wordwrap-hyphens", "{{ 'the well-known state-of-the-art hyper-text pre-processor'|wordwrap(10) }}|{{ 'long--dashed words--here x-y-z'|wordwrap(7) }}|{{ 'abcdefghij-klmnop qrstuv'|wordwrap(5) }}"),
    ("filter/xmlattr", "<a{{ {'href': '/x?a=1&b', 'title': 'T', 'skip': none}|xmlattr }}>"),
    ("filter/chain", "{{ words|map('lower')|unique|sort|join('+')|upper }}"),
    # tests
    ("test/defined", "{{ n is defined }} {{ missing is defined }} {{ missing is undefined }} {{ user.nope is defined }}"),
    ("test/none-bool", "{{ z is none }} {{ missing is none }} {{ b is boolean }} {{ true is true }} {{ 0 is false }} {{ false is false }}"),
    ("test/numbers", "{{ n is number }} {{ f is number }} {{ b is number }} {{ n is integer }} {{ b is integer }} {{ f is float }} {{ n is odd }} {{ n is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(4) }}"),
    ("test/types", "{{ s is string }} {{ d is mapping }} {{ lst is sequence }} {{ s is sequence }} {{ n is sequence }} {{ lst is iterable }} {{ n is iterable }} {{ range is callable }} {{ s is callable }}"),
    ("test/case", "{{ 'abc' is lower }} {{ 'ABC' is upper }} {{ 'Abc' is lower }}"),
    ("test/compare", "{{ 3 is eq 3 }} {{ 3 is ne 3 }} {{ 3 is lt 4 }} {{ 3 is le 3 }} {{ 3 is gt 4 }} {{ 3 is ge 3 }} {{ 3 is greaterthan 2 }} {{ 3 is lessthan 2 }} {{ 3 is equalto 3 }}"),
    ("test/in-sameas", "{{ 2 is in lst }} {{ none is sameas none }} {{ n is sameas 7 }} {{ 'upper' is filter }} {{ 'odd' is test }} {{ 'nope' is filter }}"),
    ("test/not", "{{ n is not odd }} {{ z is not none }}"),
    # compile-time name resolution and constant folding (Jinja's idtracking and optimiser)
    ("scope/read-before-set-top", "{{ n }}{% set n = 1 %}{{ n }}"),
    ("scope/if-set-partial", "{% for x in [1] %}{{ n }}{% endfor %}{% if true %}{% set n = 1 %}{% endif %}{{ n }}"),
    ("scope/loop-alias", "{% set x = 1 %}{% for i in [1] %}{% for j in [1] %}{{ x }}{% endfor %}{% set x = 2 %}{% endfor %}"),
    ("scope/set-in-loop-does-not-leak", "{% for i in [1, 2] %}{% set y = i %}{% endfor %}{{ y is defined }}"),
    ("scope/for-else-inner", "{% for x in [] %}{% else %}{% set n = 3 %}{{ n }}{% endfor %}{{ n }}"),
    ("scope/set-block-inner", "{% set c %}{% set inner = 1 %}{% endset %}{{ inner is defined }}"),
    ("fold/dead-and", "{% set x = (false and s|nosuchfilter) %}{{ x }}"),
    ("fold/dead-compare", "{{ 15 < 9 < s|nosuchfilter }}"),
    ("fold/dead-or", "{{ true or 1|nosuchfilter }}"),
    ("fold/concat-defined", "{{ 'a' ~ [1, 2][0] ~ none }}"),
    # the Widget Studio idioms
    ("widget/comma-strip", "[{%- set _c -%}{%- for x in lst -%},{{ x|tojson }}{%- endfor -%}{%- endset -%}{{- (_c[1:] if _c and _c[0] == ',' else _c) -}}]"),
    ("widget/default-tojson", "{\"v\":{{ (user.nope|default(none))|tojson }},\"n\":{{ (user.name) | tojson }}}"),
    ("widget/namespace-children", "{% set ns = namespace(children=[]) %}{% for u in users %}{% set _ = ns.children.append({'type': 'Text', 'value': u.name}) %}{% endfor %}{{ {'type': 'Col', 'children': ns.children}|tojson }}"),
]

# (name, template, stage) -- Jinja2 fails; Tessera must fail at the same stage with a
# line:col. The message check is by substring, as the test file states.
ERRORS = [
    ("syntax/js-equals", "{% if a === b %}x{% endif %}", "compile"),
    ("syntax/unclosed-if", "{% if true %}x", "compile"),
    ("syntax/unclosed-for", "line1\n{% for x in y %}", "compile"),
    ("syntax/stray-end", "{% endfor %}", "compile"),
    ("syntax/nesting", "{% if x %}{% endfor %}", "compile"),
    ("syntax/unknown-tag", "{% frobnicate %}", "compile"),
    ("syntax/unknown-filter", "{{ x|nosuchfilter }}", "compile"),
    ("syntax/unknown-test", "{{ x is nosuchtest }}", "compile"),
    ("syntax/unclosed-var", "{{ x ", "compile"),
    ("syntax/unclosed-string", "{{ 'abc }}", "compile"),
    ("syntax/bad-char", "{{ a ! b }}", "compile"),
    ("syntax/unbalanced", "{{ (1 + 2 }}", "compile"),
    ("syntax/unclosed-comment", "{# never closed", "compile"),
    ("syntax/assign-const", "{% set 1 = 2 %}", "compile"),
    ("syntax/empty-expr", "{{ }}", "compile"),
    ("syntax/bad-escape", "{{ '\\x4' }}", "compile"),
    ("syntax/default-order", "{% macro m(a=1, b) %}{% endmacro %}", "compile"),
    ("syntax/chained-is", "{{ 1 is odd is even }}", "compile"),
    ("render/undefined-print", "{{ missing }}", "render"),
    ("render/undefined-attr", "{{ user.nope }}", "render"),
    ("render/undefined-if", "{% if missing %}x{% endif %}", "render"),
    ("render/undefined-iter", "{% for x in missing %}{% endfor %}", "render"),
    ("render/undefined-call", "{{ missing() }}", "render"),
    ("render/undefined-tojson", "{{ missing|tojson }}", "render"),
    ("render/undefined-arith", "{{ missing + 1 }}", "render"),
    ("render/undefined-concat", "{{ 'a' ~ missing }}", "render"),
    ("render/undefined-compare", "{{ missing == 1 }}", "render"),
    ("render/undefined-deep", "{{ missing.attr }}", "render"),
    ("render/type-add", "{{ 'a' + 1 }}", "render"),
    ("render/type-compare", "{{ 1 < 'a' }}", "render"),
    ("render/div-zero", "{{ 1 / 0 }}", "render"),
    ("render/mod-zero", "{{ 1 % 0 }}", "render"),
    ("render/not-iterable", "{% for x in 5 %}{% endfor %}", "render"),
    ("render/not-callable", "{{ n() }}", "render"),
    ("render/unpack", "{% for a, b in [(1, 2, 3)] %}{% endfor %}", "render"),
    ("render/unknown-filter-in-if", "{% if false %}{{ x|nosuch }}{% else %}ok{% endif %}{% if true %}{{ 1|nosuch }}{% endif %}", "render"),
    ("render/loop-not-recursive", "{% for x in [1] %}{{ loop([2]) }}{% endfor %}", "render"),
    ("render/include-no-loader", "{% include 'x.html' ignore missing %}", "render"),
    ("render/import-no-loader", "{% from 'forms.html' import field as f with context %}", "render"),
    ("render/extends-no-loader", "{% extends 'base.html' %}", "render"),
    ("syntax/block-name-mismatch", "{% block x %}{% endblock y %}", "compile"),
    ("syntax/include-no-name", "{% include %}", "compile"),
    ("render/macro-args", "{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}", "render"),
    ("render/ns-assign", "{% set x = 1 %}{% set x.y = 2 %}", "render"),
    ("render/int-of-infinity", "{{ '1e999'|int }}", "render"),
    ("render/pop-empty", "{{ [].pop() }}", "render"),
    ("render/tojson-type", "{{ range|tojson }}", "render"),
    ("render/first-of-empty-print", "{{ []|first }}", "render"),
    ("render/truncate-assert", "{{ 'abc'|truncate(1) }}", "render"),
    ("render/unassigned-local", "{% for x in [1] %}{{ n }}{% endfor %}{% set n = 1 %}", "render"),
    ("render/unassigned-in-macro", "{% macro m() %}{{ n }}{% endmacro %}{{ m() }}{% set n = 1 %}", "render"),
    ("render/slice-non-sequence", "{{ n[1:] }}", "render"),
    ("render/in-undefined-element", "{{ 5 in [1, []|last] }}", "render"),
    ("syntax/folded-undefined-concat", "{{ 'a' ~ []|first }}", "compile"),
    ("syntax/folded-undefined-index", "{{ [3][5] ~ 'x' }}", "compile"),
    ("render/call-not-folded-in-concat", "{{ 'a'.upper() ~ []|first }}", "render"),
    ("render/filesizeformat-word", "{{ s|filesizeformat }}", "render"),
    ("render/filesizeformat-empty", "{{ ''|filesizeformat }}", "render"),
    ("render/filesizeformat-hex", "{{ '0x10'|filesizeformat }}", "render"),
    ("render/filesizeformat-trailing", "{{ '12abc'|filesizeformat }}", "render"),
    ("render/filesizeformat-minus-inf", "{{ '-inf'|filesizeformat }}", "render"),
    ("render/filesizeformat-none", "{{ z|filesizeformat }}", "render"),
    ("render/last-of-empty-dict-print", "{{ {}|last }}", "render"),
    ("render/tojson-range-slice", "{{ range(5)[1:3]|tojson }}", "render"),
    ("render/range-slice-times", "{{ range(n)[1:3] * 2 }}", "render"),
    ("render/range-slice-plus", "{{ range(n)[1:3] + [1] }}", "render"),
    ("render/items-lazy-list", "{{ n|items|list }}", "render"),
    ("render/items-lazy-for", "{% for k, v in s|items %}{% endfor %}", "render"),
    ("render/items-lazy-in", "{{ 1 in lst|items }}", "render"),
    ("render/items-lazy-first", "{{ z|items|first }}", "render"),
    ("render/items-lazy-join", "{{ b|items|join }}", "render"),
    ("render/items-lazy-length", "{{ f|items|length }}", "render"),
    ("render/items-lazy-tojson", "{{ 3|items|tojson }}", "render"),
    ("render/items-lazy-urlencode", "{{ 3|items|urlencode }}", "render"),
    ("render/items-lazy-unpack", "{% set a, b = 3|items %}", "render"),
    ("render/items-lazy-map", "{{ 3|items|map('string')|list }}", "render"),
    ("syntax/live-unknown-filter", "{{ 1 < 9 < s|nosuchfilter }}", "compile"),
]


def c_string(s):
    out = ['"']
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ch < 0x20 or ch >= 0x7f:
            out.append('\\%03o' % ch)
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def main():
    print("/* Generated by gen-unit-cases.py from Jinja2 %s: expected output is Jinja2's. */" % jinja2.__version__)
    print("/* Do not edit; add cases to gen-unit-cases.py and regenerate. */\n")
    print("static const char *unit_data_json = %s;\n" % c_string(json.dumps(DATA)))
    print("static const RenderCase render_cases[] = {")
    for name, src in CASES:
        try:
            out = ENV.from_string(src).render(**DATA)
        except Exception as exc:
            sys.exit("case %s fails in Jinja2: %s" % (name, exc))
        print("  { %s,\n    %s,\n    %s }," % (c_string(name), c_string(src), c_string(out)))
    print("};\n")
    print("static const ErrorCase error_cases[] = {")
    for name, src, stage in ERRORS:
        try:
            t = ENV.from_string(src)
            got_stage = "render"
            try:
                t.render(**DATA)
                sys.exit("error case %s did not fail in Jinja2" % name)
            except Exception as exc:
                msg = "%s: %s" % (type(exc).__name__, exc)
        except Exception as exc:  # TemplateSyntaxError, or an error while constant folding
            got_stage = "compile"
            msg = "%s: %s (line %s)" % (type(exc).__name__, exc, getattr(exc, "lineno", None))
        if got_stage != stage:
            sys.exit("error case %s failed at %s, not %s" % (name, got_stage, stage))
        print("  { %s, %s, %s, /* Jinja2: %s */ }," % (c_string(name), c_string(src), c_string(stage),
                                                       msg.replace("*/", "* /").replace("\n", " ")))
    print("};")


if __name__ == "__main__":
    main()
