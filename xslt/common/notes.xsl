<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit common layer: notes and their markers.

  A note is *detached* when something points at it (a ref/ptr whose target is the note:
  the endnotes of a notes division) or when it points at its place (note/@target naming an
  anchor or other element). Any other note is *inline*: it stands where it is anchored.
  Either way a note belongs to the unit of its (first) marker, whose notes list shows it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- Pointers by the IDs they name (ref, ptr). -->
  <xsl:key name="tk:pointers-to" match="tei:ref[@target] | tei:ptr[@target]"
      use="tokenize(@target)[starts-with(., '#')] ! substring(., 2)"/>
  <!-- Notes by the place they point back to (note/@target; a note that is the body of an
       annotation of the standOff, by the annotation's @target). -->
  <xsl:key name="tk:notes-pointing-at" match="tei:note[@target] | tei:annotation[@target]/tei:note"
      use="tokenize(tk:note-target(.))[starts-with(., '#')] ! substring(., 2)"/>

  <!--* Where a note points back to: its @target, else (the body of an annotation, TEI's
        listAnnotation/annotation in the standOff, which carries no @target of its own) its
        annotation's. -->
  <xsl:function name="tk:note-target" as="attribute()?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="($note/@target, $note/parent::tei:annotation/@target)[1]"/>
  </xsl:function>

  <!--* The markers of a note, in document order: what its @target names when that is a
        marker (the edition's noteref, an anchor; a note pointing at a passage, an app or a
        seg, has its marker where it stands: nothing else shows one), else the refs/ptrs that point at it and are not cross-references
        (index locators, "see note 3"). A pointer inside a note is a cross-reference, never a
        marker: the Office of the Historian's footnote 6 says "See note 5", and note 5, a
        footnote in its paragraph, was taken for an endnote whose marker stood in note 6, which
        no notes list shows (its words were lost, and the links to it dead). -->
  <xsl:function name="tk:markers" as="element()*">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="
        if (exists(tk:note-target($note))) then
          (tokenize(tk:note-target($note))[starts-with(., '#')] ! key('tk:id', substring(., 2), $tk:doc))
          [ancestor::tei:text][self::tei:anchor or self::tei:ref or self::tei:ptr]
          [not(ancestor::tei:note intersect $note)]
        else if ($note/@xml:id) then
          key('tk:pointers-to', string($note/@xml:id), $tk:doc)[ancestor::tei:text]
          [not(@type = ('note', 'page', 'range'))][not(ancestor::tei:div[@type = 'index'])]
          [not(ancestor::tei:note)]
        else ()"/>
  </xsl:function>

  <!--* The note a marker (ref, ptr or anchor) stands for, if it is one of its markers. -->
  <xsl:function name="tk:note-of-marker" as="element(tei:note)?">
    <xsl:param name="marker" as="element()"/>
    <xsl:sequence select="tk:notes-of-marker($marker)[1]"/>
  </xsl:function>

  <!--* Every note a marker stands for, in document order: two notes of the standOff (a
        transcription note and an annotation) may point at one anchor, and the second was
        shown nowhere. -->
  <xsl:function name="tk:notes-of-marker" as="element(tei:note)*">
    <xsl:param name="marker" as="element()"/>
    <xsl:variable name="candidates" select="
        if ($marker/self::tei:ref or $marker/self::tei:ptr) then tk:target($marker/@target)/self::tei:note else (),
        if ($marker/@xml:id) then key('tk:notes-pointing-at', string($marker/@xml:id), $tk:doc) else ()"/>
    <xsl:sequence select="$candidates[some $m in tk:markers(.) satisfies $m is $marker]"/>
  </xsl:function>

  <!--* Is this note shown where its marker is, rather than where it stands? -->
  <xsl:function name="tk:is-detached" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists(tk:markers($note))"/>
  </xsl:function>

  <!--* Does this note continue another one (@prev naming a note)? It is shown with that note. -->
  <xsl:function name="tk:is-continuation" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/@prev) and exists(key('tk:id',
        substring-after(normalize-space($note/@prev), '#'), $tk:doc)/self::tei:note)"/>
  </xsl:function>

  <!--* Is this a note rendered as a marker in running text (an inline note)? Notes inside
        bibliographic entries ("reprint") are part of the entry, not annotations. -->
  <xsl:function name="tk:is-inline-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not(tk:is-detached($note)) and not(tk:is-continuation($note))
        and not($note/ancestor::tei:div[@type = ('notes', 'notes-section', 'endnotes', 'footnotes')])
        and exists($note/ancestor::tei:text) and not($note/ancestor::tei:note)
        and not($note/ancestor::tei:biblStruct or $note/ancestor::tei:bibl or $note/ancestor::tei:biblFull)
        and not($note/ancestor::*[self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org
                                 or self::tei:event])"/>
  </xsl:function>

  <!--* Where a note's @place puts it beside the text rather than at the foot or end of the
        page: "margin" (margin, left, right, top, marginLeft, margin-right…) or "inline"
        (inline, inspace, interlinear, above, below), else "" (a footnote, an endnote, none
        given). A reader expects a marginal or inline note where it stands, as the TEI
        Stylesheets show it; it is still numbered and listed with the page's notes. -->
  <xsl:function name="tk:note-place" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="places" select="tokenize(lower-case(replace($note/@place, '[_-]', '')))"/>
    <xsl:sequence select="if ($places = ('margin', 'marginleft', 'marginright', 'marginleftbottom', 'marginlefttop',
            'marginrightbottom', 'marginrighttop', 'marginouter', 'margininner', 'left', 'right', 'top', 'margintop',
            'marginbottom', 'outer', 'inner'))
        then 'margin'
        else if ($places = ('inline', 'inspace', 'interlinear', 'above', 'below', 'supralinear', 'sublinear', 'infralinear'))
        then 'inline' else ''"/>
  </xsl:function>

  <!--* The unit whose notes list shows the note. -->
  <xsl:function name="tk:note-unit" as="element()?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="tk:unit-of((tk:markers($note)[1], $note)[1])"/>
  </xsl:function>

  <!--* The notes a unit lists, in the order of their markers. -->
  <xsl:function name="tk:unit-notes" as="element(tei:note)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="within" select="tk:shown-with($unit)"/>
    <xsl:variable name="own" select="$within//tei:note[tk:is-inline-note(.)]"/>
    <xsl:variable name="pointed" select="$within//(tei:ref | tei:ptr | tei:anchor)[not(ancestor::tei:note)] ! tk:notes-of-marker(.)"/>
    <xsl:sequence select="($own | $pointed)"/>
  </xsl:function>

  <!--* The notes listed at the end of a unit's page: all its notes (the EPUB keeps endnotes
        in their notes division and lists only the inline ones). -->
  <xsl:function name="tk:listed-notes" as="element(tei:note)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="tk:unit-notes($unit)"/>
  </xsl:function>

  <!--* The number shown for a note: its @n, else its position among the unit's unnumbered notes. -->
  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="known" select="$tk:note-facts(generate-id($note))"/>
    <xsl:sequence select="if (tk:numbered($note)) then normalize-space($note/@n) else if (exists($known)) then $known[1]
        else string(index-of(tk:unit-notes(tk:note-unit($note))[not(tk:numbered(.))] ! generate-id(.), generate-id($note))[1])"/>
  </xsl:function>

  <!--* Does the note carry its own number (a non-empty @n)? An empty n="" counts as none: it
        gave every such note of a unit the same id ("sl1-note-"). -->
  <xsl:function name="tk:numbered" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="normalize-space($note/@n) != ''"/>
  </xsl:function>

  <!--* A note number as it may stand in an id and a link's fragment: letters, digits, ".", "-"
        and "_" ("[1]" gives "_1_"; "[" and "]" are not allowed in a URL's fragment). -->
  <xsl:function name="tk:id-part" as="xs:string">
    <xsl:param name="number" as="xs:string"/>
    <xsl:sequence select="replace($number, '[^\p{L}\p{N}._-]', '_')"/>
  </xsl:function>

  <!-- For every note, by generate-id: (the number it shows, its derived id), worked out once
       unit by unit as tk:note-number and tk:derived-note-id define them. Asked note by note,
       each answer listed the unit's notes again for every other note of the unit (cubic in a
       unit's notes: the 2,859 unnumbered notes of a thousand Escher letters took 14 s before
       any page was written, and as long again on the pages). -->
  <xsl:variable name="tk:note-facts" as="map(xs:string, xs:string+)" select="map:merge(
      for $u in $tk:units return
        let $notes := tk:unit-notes($u),
            $plain := $notes[not(tk:numbered(.))],
            $positions := map:merge(for $i in 1 to count($plain) return map{generate-id($plain[$i]): $i}),
            $numbers := $notes ! (if (tk:numbered(.)) then normalize-space(@n) else string($positions(generate-id(.)))),
            $parts := $numbers ! tk:id-part(.)
        return for $i in 1 to count($notes) return
          if (tk:note-unit($notes[$i]) is $u)
          then map{generate-id($notes[$i]): ($numbers[$i], tk:unit-anchor($u) || '-note-' || $parts[$i]
                   || (if (count(index-of($parts, $parts[$i])) gt 1) then '-' || $i else ''))}
          else (),
      map{'duplicates': 'use-first'})"/>

  <!--* The HTML id of a note: its xml:id, else one derived from its unit and number. -->
  <xsl:function name="tk:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/@xml:id) then string($note/@xml:id) else tk:derived-note-id($note)"/>
  </xsl:function>

  <!--* A note without xml:id: unit + number, made unique by the note's position in the unit when
        another of the unit's notes shows the same number (two notes n="1", or @n and a count). -->
  <xsl:function name="tk:derived-note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="known" select="$tk:note-facts(generate-id($note))"/>
    <xsl:sequence select="if (exists($known)) then $known[2] else tk:derived-note-id-slowly($note)"/>
  </xsl:function>

  <!--* The same, worked out for one note (a note in no unit's list: $tk:note-facts lacks it). -->
  <xsl:function name="tk:derived-note-id-slowly" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="unit" select="tk:note-unit($note)"/>
    <xsl:variable name="number" select="tk:note-number($note)"/>
    <xsl:variable name="notes" select="tk:unit-notes($unit)"/>
    <xsl:variable name="same" select="$notes[not(. is $note)][tk:id-part(tk:note-number(.)) = tk:id-part($number)]"/>
    <!-- a note the unit does not list (one in a hidden reading: a choice's orig) has no number:
         its place among all the unit's notes names it ("sl1-note-x3"), else they shared one id -->
    <xsl:sequence select="if ($number = '') then tk:unit-anchor($unit) || '-note-x'
          || index-of(($unit, $note)[1]//tei:note ! generate-id(.), generate-id($note))[1]
        else tk:unit-anchor($unit) || '-note-' || tk:id-part($number)
        || (if (exists($same)) then '-' || index-of($notes ! generate-id(.), generate-id($note))[1] else '')"/>
  </xsl:function>

  <!--* The HTML id of a marker: its xml:id, else the note id + "-ref" (+ position when several). -->
  <xsl:function name="tk:marker-id" as="xs:string">
    <xsl:param name="marker" as="element()"/>
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="pos" select="if ($marker/self::tei:note) then 1
        else index-of(tk:markers($note) ! generate-id(.), generate-id($marker))[1]"/>
    <!-- the marker's own id for the first note it stands for; a second note's marker beside it
         (an anchor two notes of the standOff point at) one of its own -->
    <xsl:sequence select="string(($marker[not(self::tei:note)][tk:note-of-marker(.) is $note]/@xml:id,
        tk:note-id($note) || '-ref' || (if ($pos gt 1) then string($pos) else ''))[1])"/>
  </xsl:function>
</xsl:stylesheet>
