// Two SHACL engines independent of pySHACL and rdflib, for coopgraph's tests.
//
// tests/test_shacl.py checks every graph of its corpus with pySHACL (coopgraph validate
// --shacl) and with this script, and asserts that the engines agree. The script is started
// once for the whole corpus (node and the libraries take longer to start than a graph takes):
//
//   node validate.mjs MANIFEST.json
//
// MANIFEST.json is {"shapes": "shapes.ttl", "graphs": {"name": "graph.nt", ...}} (paths
// relative to the manifest). The answer on stdout is
//   {"name": {"rdf-validate-shacl": {"conforms": bool, "results": [...]},
//             "shacl-engine": {...}}, ...}
// with one entry per sh:result of the report: nested results (sh:detail) explain a result and
// are not counted, as in pySHACL and Jena. Terms are written as in N-Triples, without
// escapes: <IRI>, _:label (the labels of the N-Triples file, kept), "lexical form"; a
// property path in SPARQL's syntax.
//
// rdf-validate-shacl implements SHACL Core and refuses a shapes graph with sh:sparql: it gets
// the shapes without their SPARQL-based constraints. shacl-engine, with Comunica as its SPARQL
// engine, gets them all.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Parser } from 'n3'
import SHACLValidator from 'rdf-validate-shacl'
import factory from 'rdf-validate-shacl/src/defaultEnv.js'
import Validator from 'shacl-engine/Validator.js'
import { validations as sparqlValidations } from 'shacl-engine/sparql.js'

const SH = 'http://www.w3.org/ns/shacl#'
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'

const ENGINES = {
  'rdf-validate-shacl': (shapes, data) => {
    const core = factory.dataset([...shapes].filter(quad => quad.predicate.value !== SH + 'sparql'))
    return new SHACLValidator(core, { factory }).validate(data)
  },
  'shacl-engine': (shapes, data) => {
    return new Validator(shapes, { factory, validations: sparqlValidations }).validate({ dataset: data })
  }
}

function parse (file, format, keepLabels) {
  const options = keepLabels ? { format, blankNodePrefix: '' } : { format }
  return factory.dataset(new Parser(options).parse(readFileSync(file, 'utf8')))
}

function objects (dataset, subject, predicate) {
  return [...dataset.match(subject, factory.namedNode(predicate))].map(quad => quad.object)
}

function one (dataset, subject, predicate) {
  return objects(dataset, subject, predicate)[0] || null
}

function termText (term) {
  if (term === null) return null
  if (term.termType === 'NamedNode') return `<${term.value}>`
  if (term.termType === 'BlankNode') return `_:${term.value}`
  return `"${term.value}"`
}

function list (dataset, head) {
  const items = []
  for (let node = head; node && node.value !== RDF + 'nil'; node = one(dataset, node, RDF + 'rest')) {
    items.push(one(dataset, node, RDF + 'first'))
  }
  return items
}

// The text of coopgraph.rdf.shapes.path_text, with <IRI>s.
function pathText (dataset, path, top = true) {
  if (path.termType === 'NamedNode') return termText(path)
  let steps = null
  let separator = ''
  const alternatives = one(dataset, path, SH + 'alternativePath')
  if (one(dataset, path, RDF + 'first')) {
    steps = list(dataset, path)
    separator = '/'
  } else if (alternatives) {
    steps = list(dataset, alternatives)
    separator = '|'
  }
  if (steps) {
    const text = steps.map(step => pathText(dataset, step, false)).join(separator)
    return top ? text : `(${text})`
  }
  const operators = [['inversePath', '^'], ['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']]
  for (const [predicate, operator] of operators) {
    const inner = one(dataset, path, SH + predicate)
    if (inner) {
      const text = pathText(dataset, inner, false)
      return operator === '^' ? operator + text : text + operator
    }
  }
  return termText(path)
}

function read (report) {
  const { dataset } = report
  const results = objects(dataset, report.term, SH + 'result').map(result => {
    const path = one(dataset, result, SH + 'resultPath')
    const messages = objects(dataset, result, SH + 'resultMessage').map(m => m.value).sort()
    return {
      focus: termText(one(dataset, result, SH + 'focusNode')),
      path: path ? pathText(dataset, path) : null,
      value: termText(one(dataset, result, SH + 'value')),
      message: messages.length ? messages.join(' | ') : null,
      severity: termText(one(dataset, result, SH + 'resultSeverity')),
      shape: termText(one(dataset, result, SH + 'sourceShape')),
      component: termText(one(dataset, result, SH + 'sourceConstraintComponent'))
    }
  })
  return { conforms: report.conforms, results }
}

const manifestFile = resolve(process.argv[2])
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
const base = dirname(manifestFile)
const shapes = parse(resolve(base, manifest.shapes), 'Turtle', false)
const answer = {}
for (const [name, file] of Object.entries(manifest.graphs)) {
  const data = parse(resolve(base, file), 'N-Triples', true)
  answer[name] = {}
  for (const [engine, validate] of Object.entries(ENGINES)) {
    answer[name][engine] = read(await validate(shapes, data))
  }
}
process.stdout.write(JSON.stringify(answer))
