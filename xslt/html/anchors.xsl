<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: stable anchors for the blocks of the text (paragraphs, verse lines,
  anonymous blocks, headings, list items), so that a reader can cite and link any passage.

  A block's anchor is its xml:id. Without one, it is a path from its nearest ancestor that
  has an xml:id: that ID, then for each element on the way down its name and its position
  among the siblings of that name ("ch05.p12", "ch05.div2.p3"; "text.body.p4" when no
  ancestor has an ID). It depends only on the TEI (never on the order pages are built in,
  nor on other parts of the document), so it stays the same from build to build and
  changes only where the text around it is re-encoded.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!--* Is this one of the blocks every one of which has an anchor? -->
  <xsl:function name="tk:is-anchored-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:p or self::tei:ab or self::tei:l or self::tei:head or self::tei:item])"/>
  </xsl:function>

  <!--* The anchor (HTML id) of a block: its xml:id, else the path described above. -->
  <xsl:function name="tk:block-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:choose>
      <xsl:when test="$e/@xml:id"><xsl:sequence select="string($e/@xml:id)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="top" select="$e/ancestor::*[@xml:id][1]"/>
        <!-- the elements from just below $top down to the block (the ancestors after $top
             in document order are its descendants) -->
        <xsl:variable name="steps" select="$e/ancestor-or-self::*[empty($top) or . >> $top]
            [not(self::tei:TEI or self::tei:teiCorpus)]"/>
        <xsl:variable name="path" select="string-join(($top/@xml:id ! string(.),
            for $s in $steps return
              let $name := local-name($s),
                  $n := tk:sibling-number($s)
              return if ($n = 1 and ($s/self::tei:text or $s/self::tei:front or $s/self::tei:body
                  or $s/self::tei:back)) then $name else $name || $n), '.')"/>
        <!-- an xml:id elsewhere that happens to read the same keeps its anchor -->
        <xsl:sequence select="if (exists(key('tk:id', $path, $tk:doc))) then $path || '.tk' else $path"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- An element's siblings of its local name, in document order (tk:sibling-number). -->
  <xsl:key name="tk:same-named-siblings" match="*" use="generate-id(..) || ' ' || local-name()"/>

  <!--* The position of $s among its parent's children of the same local name (1 for the first).
        Counting the preceding siblings grows with their number, for every block: 50,000
        paragraphs in one division meant 1.25 billion steps. Beyond a few hundred siblings the
        position is found by halving the key's list of them instead (document order, <<). -->
  <xsl:function name="tk:sibling-number" as="xs:integer">
    <xsl:param name="s" as="element()"/>
    <xsl:variable name="name" select="local-name($s)"/>
    <xsl:sequence select="if (empty($s/preceding-sibling::*[256]) or not(root($s) instance of document-node()))
        then count($s/preceding-sibling::*[local-name() = $name]) + 1
        else tk:rank(key('tk:same-named-siblings', generate-id($s/..) || ' ' || $name, root($s)), $s)"/>
  </xsl:function>

  <!--* The position of $e in $sorted (elements in document order that hold it), by halving. -->
  <xsl:function name="tk:rank" as="xs:integer">
    <xsl:param name="sorted" as="element()+"/>
    <xsl:param name="e" as="element()"/>
    <xsl:iterate select="1 to 64">
      <xsl:param name="low" as="xs:integer" select="1"/>
      <xsl:param name="high" as="xs:integer" select="count($sorted)"/>
      <xsl:variable name="middle" select="($low + $high) idiv 2"/>
      <xsl:choose>
        <xsl:when test="$low ge $high or $sorted[$middle] is $e">
          <xsl:break select="if ($sorted[$middle] is $e) then $middle else $low"/>
        </xsl:when>
        <xsl:when test="$sorted[$middle] &lt;&lt; $e">
          <xsl:next-iteration><xsl:with-param name="low" select="$middle + 1"/></xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:next-iteration><xsl:with-param name="high" select="$middle - 1"/></xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>
</xsl:stylesheet>
